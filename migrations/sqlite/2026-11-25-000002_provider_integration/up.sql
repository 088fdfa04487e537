-- Provider integration: webhook secrets, premises with payer codes, provider accounts, charges,
-- closed periods, and the outbox.
ALTER TABLE providers ADD COLUMN webhook_secret TEXT NOT NULL DEFAULT '';
ALTER TABLE providers ADD COLUMN webhook_secret_previous TEXT;
ALTER TABLE providers ADD COLUMN webhook_secret_rotated_at TIMESTAMP;

-- Named counters handed out in blocks (payer code serials).
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);

-- One dwelling. `address_key` is the normalised address; a merged premises keeps its row (its payer
-- code is never reused) and points at the one it was merged into.
CREATE TABLE premises (
    id TEXT PRIMARY KEY,
    payer_code TEXT NOT NULL UNIQUE,
    address_key TEXT NOT NULL,
    city TEXT NOT NULL,
    street TEXT NOT NULL,
    house TEXT NOT NULL,
    building TEXT,
    apartment TEXT,
    merged_into TEXT REFERENCES premises (id),
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX premises_address_key ON premises (address_key) WHERE merged_into IS NULL;

CREATE TABLE premises_merges (
    id TEXT PRIMARY KEY,
    from_premises_id TEXT NOT NULL REFERENCES premises (id),
    into_premises_id TEXT NOT NULL REFERENCES premises (id),
    operator_id TEXT NOT NULL,
    accounts_moved INTEGER NOT NULL,
    merged_at TIMESTAMP NOT NULL
);

CREATE TABLE provider_accounts (
    id TEXT PRIMARY KEY,
    provider_id TEXT NOT NULL REFERENCES providers (id),
    number TEXT NOT NULL,
    premises_id TEXT NOT NULL REFERENCES premises (id),
    holder TEXT,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX provider_accounts_number ON provider_accounts (provider_id, number);
CREATE INDEX provider_accounts_premises ON provider_accounts (premises_id);

-- Every change of an account's premises (re-sent with another address, or a premises merge).
CREATE TABLE account_moves (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES provider_accounts (id),
    from_premises_id TEXT NOT NULL REFERENCES premises (id),
    to_premises_id TEXT NOT NULL REFERENCES premises (id),
    reason TEXT NOT NULL CHECK (reason IN ('address_changed', 'premises_merged')),
    moved_at TIMESTAMP NOT NULL
);
CREATE INDEX account_moves_account ON account_moves (account_id);

CREATE TABLE charge_batches (
    id TEXT PRIMARY KEY,
    provider_id TEXT NOT NULL REFERENCES providers (id),
    period TEXT NOT NULL,
    items INTEGER NOT NULL,
    created INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- What a provider bills one account for one service in one period. The key serves both the upsert and
-- the provider's paged listing. (provider_id, account_number) is an account of provider_accounts: each
-- push checks that for all its rows at once, in its transaction, and accounts are never deleted; a
-- foreign key would check it again row by row and cost a 10,000-row push most of its time.
CREATE TABLE charges (
    provider_id TEXT NOT NULL,
    period TEXT NOT NULL,
    account_number TEXT NOT NULL,
    service_code TEXT NOT NULL,
    service_name TEXT NOT NULL,
    unit TEXT NOT NULL,
    volume TEXT,
    tariff TEXT,
    amount BIGINT NOT NULL,
    recalculation BIGINT NOT NULL,
    debt BIGINT NOT NULL,
    penalty BIGINT NOT NULL,
    batch_id TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (provider_id, period, account_number, service_code)
);

-- A period is closed once its billing run starts: charges for it are refused from then on.
CREATE TABLE closed_periods (
    period TEXT PRIMARY KEY,
    closed_at TIMESTAMP NOT NULL
);

-- Messages that leave the process (email, SMS, webhooks), written in the transaction of the change
-- that causes them and sent by the delivery worker.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
    topic TEXT NOT NULL,
    recipient TEXT NOT NULL,
    payload TEXT NOT NULL,
    dedupe_key TEXT UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
