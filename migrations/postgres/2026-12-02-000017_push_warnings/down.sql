DROP TABLE charged_periods;
DROP TABLE charged_accounts;
ALTER TABLE charge_batches DROP COLUMN warnings;
