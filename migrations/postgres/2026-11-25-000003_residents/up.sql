-- Residents: accounts, email confirmations, linked addresses with their delivery preference, link
-- codes, SMS verifications and the audit trail of delivery changes.
CREATE TABLE residents (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    email_confirmed_at TIMESTAMP,
    pending_email TEXT,
    phone TEXT NOT NULL,
    pending_phone TEXT,
    password_hash TEXT NOT NULL,
    name TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE email_confirmations (
    id TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL REFERENCES residents (id),
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);

-- A resident's link to one premises. Unlinking keeps the row (its history stays readable).
CREATE TABLE addresses (
    id TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL REFERENCES residents (id),
    premises_id TEXT NOT NULL REFERENCES premises (id),
    channel TEXT NOT NULL CHECK (channel IN ('paper', 'electronic')),
    sms_notifications BOOLEAN NOT NULL,
    effective_from TEXT,
    created_at TIMESTAMP NOT NULL,
    unlinked_at TIMESTAMP
);
CREATE UNIQUE INDEX addresses_live ON addresses (resident_id, premises_id) WHERE unlinked_at IS NULL;
CREATE INDEX addresses_premises ON addresses (premises_id);

-- One-time codes that prove a resident holds a premises' paper bill (or got one from an operator).
CREATE TABLE link_codes (
    id TEXT PRIMARY KEY,
    premises_id TEXT NOT NULL REFERENCES premises (id),
    code_hash TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('paper', 'operator')),
    issued_by TEXT,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    used_by TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX link_codes_premises ON link_codes (premises_id, code_hash);

CREATE TABLE link_attempts (
    id TEXT PRIMARY KEY,
    premises_id TEXT NOT NULL REFERENCES premises (id),
    resident_id TEXT NOT NULL,
    succeeded BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX link_attempts_premises ON link_attempts (premises_id, created_at);

-- An SMS one-time code confirming a change: of an address's delivery, or of the resident's phone.
CREATE TABLE verifications (
    id TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL REFERENCES residents (id),
    address_id TEXT REFERENCES addresses (id),
    purpose TEXT NOT NULL CHECK (purpose IN ('delivery_change', 'phone_change')),
    phone TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    requested_channel TEXT,
    requested_sms_notifications BOOLEAN,
    requested_phone TEXT,
    attempts_left INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'dead', 'superseded')),
    expires_at TIMESTAMP NOT NULL,
    client TEXT,
    created_at TIMESTAMP NOT NULL,
    confirmed_at TIMESTAMP
);
CREATE INDEX verifications_address ON verifications (address_id, status);

-- Every applied change of an address's delivery preference.
CREATE TABLE delivery_changes (
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
CREATE INDEX delivery_changes_address ON delivery_changes (address_id, changed_at);

CREATE INDEX outbox_recipient ON outbox (channel, recipient, created_at);
