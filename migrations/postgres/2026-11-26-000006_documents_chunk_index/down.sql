CREATE INDEX documents_chunk ON documents (run_id, chunk);
