-- OAuth for apps: the scopes an app may ask for; the authorization codes of the consent page (kept as
-- hashes, single use, bound to client, redirect URI and PKCE challenge); each resident's grants to apps;
-- the app and scopes a refresh-token login was issued to; the app that asked for a delivery change.
ALTER TABLE apps ADD COLUMN scopes TEXT NOT NULL DEFAULT 'profile:read addresses:read addresses:write delivery:write documents:read';

CREATE TABLE authorization_codes (
    code_hash TEXT PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES apps (id),
    resident_id TEXT NOT NULL REFERENCES residents (id),
    redirect_uri TEXT NOT NULL,
    scope TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    family_id TEXT,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX authorization_codes_expiry ON authorization_codes (expires_at);

CREATE TABLE app_authorizations (
    resident_id TEXT NOT NULL REFERENCES residents (id),
    client_id TEXT NOT NULL REFERENCES apps (id),
    scope TEXT NOT NULL,
    granted_at TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    PRIMARY KEY (resident_id, client_id)
);
CREATE INDEX app_authorizations_of_app ON app_authorizations (client_id);

ALTER TABLE refresh_tokens ADD COLUMN client_id TEXT REFERENCES apps (id);
ALTER TABLE refresh_tokens ADD COLUMN scope TEXT;
CREATE INDEX refresh_tokens_of_app ON refresh_tokens (client_id) WHERE client_id IS NOT NULL;

ALTER TABLE verifications ADD COLUMN client_id TEXT;
ALTER TABLE delivery_changes ADD COLUMN client_id TEXT;
