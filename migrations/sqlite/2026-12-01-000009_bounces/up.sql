-- Bounces fall back to paper: a resident's email found undeliverable (and why), delivery changes the
-- platform made itself (no verification), and supplementary paper documents carrying the e-receipts
-- whose email bounced.
ALTER TABLE residents ADD COLUMN email_undeliverable_at TIMESTAMP;
ALTER TABLE residents ADD COLUMN email_bounce_reason TEXT;

-- SQLite cannot drop a NOT NULL: the table is made again.
CREATE TABLE delivery_changes_new (
    id TEXT PRIMARY KEY,
    address_id TEXT NOT NULL REFERENCES addresses (id),
    resident_id TEXT NOT NULL REFERENCES residents (id),
    from_channel TEXT NOT NULL,
    to_channel TEXT NOT NULL,
    from_sms_notifications BOOLEAN NOT NULL,
    sms_notifications BOOLEAN NOT NULL,
    effective_from TEXT NOT NULL,
    verification_id TEXT REFERENCES verifications (id),
    client TEXT,
    changed_at TIMESTAMP NOT NULL,
    reason TEXT NOT NULL DEFAULT 'resident' CHECK (reason IN ('resident', 'email_bounced'))
);
INSERT INTO delivery_changes_new
    SELECT id, address_id, resident_id, from_channel, to_channel, from_sms_notifications, sms_notifications,
           effective_from, verification_id, client, changed_at, 'resident'
    FROM delivery_changes;
DROP TABLE delivery_changes;
ALTER TABLE delivery_changes_new RENAME TO delivery_changes;
CREATE INDEX delivery_changes_address ON delivery_changes (address_id, changed_at);

ALTER TABLE documents ADD COLUMN origin TEXT NOT NULL DEFAULT 'run' CHECK (origin IN ('run', 'bounce'));
DROP INDEX documents_one_per_premises;
CREATE UNIQUE INDEX documents_one_per_premises ON documents (run_id, premises_id, kind, COALESCE(provider_id, ''), origin);
