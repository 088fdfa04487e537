-- The cabinet's server-side sessions: the cookie holds a random token, the table its hash, so replicas
-- share sessions and a database read cannot replay one.
CREATE TABLE web_sessions (
    id TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL REFERENCES residents (id),
    created_at TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP
);
CREATE INDEX web_sessions_of_resident ON web_sessions (resident_id);
