ALTER TABLE outbox DROP COLUMN event_id;
DROP TABLE webhook_deliveries;
