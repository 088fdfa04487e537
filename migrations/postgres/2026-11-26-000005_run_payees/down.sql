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

INSERT INTO document_payees (document_id, provider_id, name, inn, kpp, bank_name, bank_bik, bank_account,
                             bank_correspondent_account, account_number, total)
SELECT l.document_id, l.provider_id, p.name, p.inn, p.kpp, p.bank_name, p.bank_bik, p.bank_account,
       p.bank_correspondent_account, MIN(l.account_number), SUM(l.total)
FROM document_lines l JOIN documents d ON d.id = l.document_id
JOIN run_payees p ON p.run_id = d.run_id AND p.provider_id = l.provider_id
GROUP BY l.document_id, l.provider_id, p.name, p.inn, p.kpp, p.bank_name, p.bank_bik, p.bank_account,
         p.bank_correspondent_account;

DROP TABLE run_payees;
