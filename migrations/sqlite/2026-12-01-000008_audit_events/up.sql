-- Who did what to which object, when: operators' decisions, and the consent changes of providers
-- (e-document capability) and residents (delivery preferences, linked addresses), and what the system
-- itself changed for them (a bounced email moving an address back to paper).
CREATE TABLE audit_events (
    id TEXT PRIMARY KEY,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('operator', 'provider', 'resident', 'system')),
    actor_id TEXT,
    kind TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX audit_events_actor ON audit_events (actor_id, id);
CREATE INDEX audit_events_object ON audit_events (object_id, id);
CREATE INDEX audit_events_kind ON audit_events (kind, id);
CREATE INDEX audit_events_created ON audit_events (created_at);
