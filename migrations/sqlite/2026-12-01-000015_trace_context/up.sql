-- The W3C traceparent of the request that queued a message, passed on (as a child) to the webhook
-- receiver or SMS gateway that gets it.
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
