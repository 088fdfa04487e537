-- A push's anomaly warnings (JSON: [{code, count, items, account_numbers, message}]), shown by
-- GET /v1/providers/me/batches/{id}.
ALTER TABLE charge_batches ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';

-- The accounts a provider has charged in each period, and per period how many (accounts) and how many
-- of them were charged in the period before too (carried): the accounts missing from a period since
-- the one before are the earlier's accounts less the later's carried, known without reading either
-- period whole at every push.
CREATE TABLE charged_accounts (
    provider_id TEXT NOT NULL,
    period TEXT NOT NULL,
    account_number TEXT NOT NULL,
    PRIMARY KEY (provider_id, period, account_number)
);
INSERT INTO charged_accounts (provider_id, period, account_number)
SELECT DISTINCT provider_id, period, account_number FROM charges;

CREATE TABLE charged_periods (
    provider_id TEXT NOT NULL,
    period TEXT NOT NULL,
    accounts BIGINT NOT NULL,
    carried BIGINT NOT NULL,
    PRIMARY KEY (provider_id, period)
);
INSERT INTO charged_periods (provider_id, period, accounts, carried)
SELECT t.provider_id, t.period, COUNT(*),
       COUNT(*) FILTER (WHERE EXISTS (SELECT 1 FROM charged_accounts l WHERE l.provider_id = t.provider_id
           AND l.period = to_char(to_date(t.period, 'YYYY-MM') - interval '1 month', 'YYYY-MM')
           AND l.account_number = t.account_number))
FROM charged_accounts t GROUP BY t.provider_id, t.period;
