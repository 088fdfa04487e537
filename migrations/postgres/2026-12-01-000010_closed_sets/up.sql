-- Every column of a closed set (domain::vocabulary) has its CHECK: the three that lacked one.
ALTER TABLE verifications ADD CONSTRAINT verifications_requested_channel CHECK (requested_channel IN ('paper', 'electronic'));
ALTER TABLE delivery_changes ADD CONSTRAINT delivery_changes_from_channel CHECK (from_channel IN ('paper', 'electronic'));
ALTER TABLE delivery_changes ADD CONSTRAINT delivery_changes_to_channel CHECK (to_channel IN ('paper', 'electronic'));
