-- A run's payees: each provider's requisites as they stood when the run started, once per run instead
-- of once per document (a document's payees and their totals follow from its lines).
CREATE TABLE run_payees (
    run_id TEXT NOT NULL REFERENCES billing_runs (id),
    provider_id TEXT NOT NULL REFERENCES providers (id),
    name TEXT NOT NULL,
    inn TEXT NOT NULL,
    kpp TEXT,
    bank_name TEXT NOT NULL,
    bank_bik TEXT NOT NULL,
    bank_account TEXT NOT NULL,
    bank_correspondent_account TEXT NOT NULL,
    PRIMARY KEY (run_id, provider_id)
);

INSERT INTO run_payees (run_id, provider_id, name, inn, kpp, bank_name, bank_bik, bank_account, bank_correspondent_account)
SELECT d.run_id, p.provider_id, MIN(p.name), MIN(p.inn), MIN(p.kpp), MIN(p.bank_name), MIN(p.bank_bik), MIN(p.bank_account),
       MIN(p.bank_correspondent_account)
FROM document_payees p JOIN documents d ON d.id = p.document_id
GROUP BY d.run_id, p.provider_id;

DROP TABLE document_payees;
