-- Bounces fall back to paper: a resident's email found undeliverable (and why), delivery changes the
-- platform made itself (no verification), and supplementary paper documents carrying the e-receipts
-- whose email bounced.
ALTER TABLE residents ADD COLUMN email_undeliverable_at TIMESTAMP;
ALTER TABLE residents ADD COLUMN email_bounce_reason TEXT;

ALTER TABLE delivery_changes ALTER COLUMN verification_id DROP NOT NULL;
ALTER TABLE delivery_changes ADD COLUMN reason TEXT NOT NULL DEFAULT 'resident' CHECK (reason IN ('resident', 'email_bounced'));

ALTER TABLE documents ADD COLUMN origin TEXT NOT NULL DEFAULT 'run' CHECK (origin IN ('run', 'bounce'));
DROP INDEX documents_one_per_premises;
CREATE UNIQUE INDEX documents_one_per_premises ON documents (run_id, premises_id, kind, COALESCE(provider_id, ''), origin);
