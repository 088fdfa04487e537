-- Account safety: the consent a resident gave at registration (which text, when), erased accounts
-- (the row stays for the documents' sake, without email, phone or name), and password resets by an
-- emailed single-use link.
ALTER TABLE residents ADD COLUMN consent_version TEXT;
ALTER TABLE residents ADD COLUMN consent_at TIMESTAMP;
ALTER TABLE residents ADD COLUMN erased_at TIMESTAMP;

CREATE TABLE password_resets (
    id TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL REFERENCES residents (id),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX password_resets_of_resident ON password_resets (resident_id, created_at);
