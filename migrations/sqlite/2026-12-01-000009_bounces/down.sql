DELETE FROM documents WHERE origin = 'bounce';
DROP INDEX documents_one_per_premises;
CREATE UNIQUE INDEX documents_one_per_premises ON documents (run_id, premises_id, kind, COALESCE(provider_id, ''));
ALTER TABLE documents DROP COLUMN origin;
DELETE FROM delivery_changes WHERE verification_id IS NULL;
CREATE TABLE delivery_changes_old (
    id TEXT PRIMARY KEY,
    address_id TEXT NOT NULL REFERENCES addresses (id),
    resident_id TEXT NOT NULL REFERENCES residents (id),
    from_channel TEXT NOT NULL,
    to_channel TEXT NOT NULL,
    from_sms_notifications BOOLEAN NOT NULL,
    sms_notifications BOOLEAN NOT NULL,
    effective_from TEXT NOT NULL,
    verification_id TEXT NOT NULL REFERENCES verifications (id),
    client TEXT,
    changed_at TIMESTAMP NOT NULL
);
INSERT INTO delivery_changes_old
    SELECT id, address_id, resident_id, from_channel, to_channel, from_sms_notifications, sms_notifications,
           effective_from, verification_id, client, changed_at
    FROM delivery_changes;
DROP TABLE delivery_changes;
ALTER TABLE delivery_changes_old RENAME TO delivery_changes;
CREATE INDEX delivery_changes_address ON delivery_changes (address_id, changed_at);
ALTER TABLE residents DROP COLUMN email_bounce_reason;
ALTER TABLE residents DROP COLUMN email_undeliverable_at;
