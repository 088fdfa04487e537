-- Hardening: every verification SMS counted per phone and per resident (under a lock, so parallel
-- requests cannot slip past a limit), and the revocations that end access tokens before they expire.
CREATE TABLE verification_sends (
    id TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL REFERENCES residents (id),
    recipient TEXT NOT NULL,
    verification_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX verification_sends_recipient ON verification_sends (recipient, created_at);
CREATE INDEX verification_sends_resident ON verification_sends (resident_id, created_at);

-- `subject` is `sid:<login>` (a login's access tokens) or `sub:<id>` (every token of a principal
-- issued up to `revoked_at`). Rows older than an access token's lifetime are of no more use.
CREATE TABLE revocations (
    subject TEXT PRIMARY KEY,
    revoked_at TIMESTAMP NOT NULL
);
CREATE INDEX revocations_revoked_at ON revocations (revoked_at);

-- Idempotent answers are recorded with the effect, sealed, with their `Location`; nothing is ever
-- left `in_flight` any more (a running request holds its key by a lock instead).
ALTER TABLE idempotency_keys ADD COLUMN response_location TEXT;
