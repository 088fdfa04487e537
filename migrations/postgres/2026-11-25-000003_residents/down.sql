DROP INDEX outbox_recipient;
DROP TABLE delivery_changes;
DROP TABLE verifications;
DROP TABLE link_attempts;
DROP TABLE link_codes;
DROP TABLE addresses;
DROP TABLE email_confirmations;
DROP TABLE residents;
