DROP TABLE revocations;
DROP TABLE verification_sends;
