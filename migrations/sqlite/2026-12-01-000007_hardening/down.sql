ALTER TABLE idempotency_keys DROP COLUMN response_location;
DROP TABLE revocations;
DROP TABLE verification_sends;
