DELETE FROM documents WHERE origin = 'bounce';
DROP INDEX documents_one_per_premises;
CREATE UNIQUE INDEX documents_one_per_premises ON documents (run_id, premises_id, kind, COALESCE(provider_id, ''));
ALTER TABLE documents DROP COLUMN origin;
DELETE FROM delivery_changes WHERE verification_id IS NULL;
ALTER TABLE delivery_changes DROP COLUMN reason;
ALTER TABLE delivery_changes ALTER COLUMN verification_id SET NOT NULL;
ALTER TABLE residents DROP COLUMN email_bounce_reason;
ALTER TABLE residents DROP COLUMN email_undeliverable_at;
