-- Foundation: settings, operators, providers, OAuth refresh tokens, idempotency keys.
CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE operators (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE providers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    inn TEXT NOT NULL,
    kpp TEXT,
    ogrn TEXT NOT NULL,
    email TEXT NOT NULL,
    phone TEXT NOT NULL,
    bank_name TEXT NOT NULL,
    bank_bik TEXT NOT NULL,
    bank_account TEXT NOT NULL,
    bank_correspondent_account TEXT NOT NULL,
    webhook_url TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'suspended')),
    client_id TEXT NOT NULL UNIQUE,
    client_secret_hash TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX providers_inn_kpp ON providers (inn, COALESCE(kpp, ''));
CREATE INDEX providers_status ON providers (status, id);
CREATE INDEX providers_bank ON providers (bank_bik, bank_account);

-- E-document capability: every declaration is kept; the one in force for a period is the latest
-- declaration whose `since` is not after that period.
CREATE TABLE provider_edoc_changes (
    id TEXT PRIMARY KEY,
    provider_id TEXT NOT NULL REFERENCES providers (id),
    edoc_capable BOOLEAN NOT NULL,
    since TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX provider_edoc_changes_provider ON provider_edoc_changes (provider_id, since);

CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY,
    family_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    subject_role TEXT NOT NULL CHECK (subject_role IN ('resident', 'operator')),
    subject_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'rotated', 'revoked')),
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE idempotency_keys (
    principal TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('in_flight', 'done')),
    response_status INTEGER,
    response_content_type TEXT,
    response_body TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (principal, idempotency_key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
