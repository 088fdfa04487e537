-- A run's chunk is written from one read of its charges and never read back by chunk, so the index
-- on (run_id, chunk) only slowed every document insert.
DROP INDEX documents_chunk;
