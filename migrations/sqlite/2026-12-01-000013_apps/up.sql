-- Third-party apps that act for residents through OAuth (authorization code + PKCE): registered by
-- operators. A confidential app's secret is kept only as its hash; redirect URIs as a JSON array.
CREATE TABLE apps (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    app_type TEXT NOT NULL CHECK (app_type IN ('public', 'confidential')),
    redirect_uris TEXT NOT NULL,
    client_secret_hash TEXT,
    status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
    created_by TEXT NOT NULL REFERENCES operators (id),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((app_type = 'confidential') = (client_secret_hash IS NOT NULL))
);
