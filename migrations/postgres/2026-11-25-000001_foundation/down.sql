DROP TABLE idempotency_keys;
DROP TABLE refresh_tokens;
DROP TABLE provider_edoc_changes;
DROP TABLE providers;
DROP TABLE operators;
DROP TABLE settings;
