DROP TABLE password_resets;
ALTER TABLE residents DROP COLUMN erased_at;
ALTER TABLE residents DROP COLUMN consent_at;
ALTER TABLE residents DROP COLUMN consent_version;
