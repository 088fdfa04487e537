-- Billing runs and their documents: e-receipts (one provider, emailed) and paper ЕПД (the rest).
CREATE TABLE billing_runs (
    id TEXT PRIMARY KEY,
    period TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
    operator_id TEXT NOT NULL,
    premises_total INTEGER NOT NULL,
    chunks_total INTEGER NOT NULL,
    chunks_done INTEGER NOT NULL,
    e_receipts INTEGER NOT NULL,
    paper_documents INTEGER NOT NULL,
    lease_until TIMESTAMP,
    last_error TEXT,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP
);

-- What the run saw when it started: every premises with charges in the period (numbered into
-- chunks) and whether it goes electronic; which providers were capable; who gets the emails and SMS.
CREATE TABLE run_premises (
    run_id TEXT NOT NULL REFERENCES billing_runs (id),
    seq INTEGER NOT NULL,
    premises_id TEXT NOT NULL REFERENCES premises (id),
    electronic BOOLEAN NOT NULL,
    PRIMARY KEY (run_id, seq)
);
CREATE INDEX run_premises_premises ON run_premises (premises_id, run_id);

CREATE TABLE run_providers (
    run_id TEXT NOT NULL REFERENCES billing_runs (id),
    provider_id TEXT NOT NULL REFERENCES providers (id),
    PRIMARY KEY (run_id, provider_id)
);

CREATE TABLE run_recipients (
    run_id TEXT NOT NULL REFERENCES billing_runs (id),
    premises_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    address_id TEXT NOT NULL REFERENCES addresses (id),
    email TEXT,
    phone TEXT,
    PRIMARY KEY (run_id, address_id)
);
CREATE INDEX run_recipients_seq ON run_recipients (run_id, seq);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    run_id TEXT NOT NULL REFERENCES billing_runs (id),
    chunk INTEGER NOT NULL,
    period TEXT NOT NULL,
    premises_id TEXT NOT NULL REFERENCES premises (id),
    kind TEXT NOT NULL CHECK (kind IN ('e_receipt', 'paper')),
    provider_id TEXT REFERENCES providers (id),
    total BIGINT NOT NULL,
    verification_code TEXT NOT NULL UNIQUE,
    link_code_sealed TEXT,
    delivery_status TEXT NOT NULL CHECK (delivery_status IN ('queued', 'emailed', 'failed', 'printed')),
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX documents_one_per_premises ON documents (run_id, premises_id, kind, COALESCE(provider_id, ''));
CREATE INDEX documents_chunk ON documents (run_id, chunk);
CREATE INDEX documents_premises ON documents (premises_id, period);

CREATE TABLE document_lines (
    document_id TEXT NOT NULL REFERENCES documents (id),
    provider_id TEXT NOT NULL,
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
    total BIGINT NOT NULL,
    PRIMARY KEY (document_id, provider_id, account_number, service_code)
);
CREATE INDEX document_lines_provider ON document_lines (provider_id, account_number);

-- Who is paid on a document, with the requisites as they stood when it was issued.
CREATE TABLE document_payees (
    document_id TEXT NOT NULL REFERENCES documents (id),
    provider_id TEXT NOT NULL REFERENCES providers (id),
    name TEXT NOT NULL,
    inn TEXT NOT NULL,
    kpp TEXT,
    bank_name TEXT NOT NULL,
    bank_bik TEXT NOT NULL,
    bank_account TEXT NOT NULL,
    bank_correspondent_account TEXT NOT NULL,
    account_number TEXT NOT NULL,
    total BIGINT NOT NULL,
    PRIMARY KEY (document_id, provider_id)
);

ALTER TABLE outbox ADD COLUMN run_id TEXT;
ALTER TABLE outbox ADD COLUMN document_id TEXT;
CREATE INDEX outbox_run ON outbox (run_id);
