ALTER TABLE delivery_changes DROP COLUMN client_id;
ALTER TABLE verifications DROP COLUMN client_id;
DROP INDEX refresh_tokens_of_app;
ALTER TABLE refresh_tokens DROP COLUMN scope;
ALTER TABLE refresh_tokens DROP COLUMN client_id;
DROP TABLE app_authorizations;
DROP TABLE authorization_codes;
ALTER TABLE apps DROP COLUMN scopes;
