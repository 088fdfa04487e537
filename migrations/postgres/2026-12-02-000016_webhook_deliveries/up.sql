-- Every attempt at a webhook, for the provider to see and to ask again: the event, where it went,
-- what the receiver answered and how fast. `body` is the event as sent, so a redelivery sends the same
-- bytes (a ping never was in the outbox). A webhook's outbox row names its event: the original row's
-- id is the event id; a redelivery is a new row carrying the same event id.
CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    provider_id TEXT NOT NULL REFERENCES providers (id),
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL CHECK (event_type IN ('ping', 'document.delivered', 'document.failed', 'account.delivery_changed')),
    url TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
    response_status INTEGER,
    latency_ms INTEGER NOT NULL,
    error TEXT,
    redelivery BOOLEAN NOT NULL,
    outbox_id TEXT,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX webhook_deliveries_provider ON webhook_deliveries (provider_id, id);
CREATE INDEX webhook_deliveries_event ON webhook_deliveries (event_id, attempt);
ALTER TABLE outbox ADD COLUMN event_id TEXT;
UPDATE outbox SET event_id = id WHERE channel = 'webhook';
