-- Every column of a closed set (domain::vocabulary) has its CHECK: the three that lacked one.
-- SQLite adds no constraint to a table: triggers refuse the same values.
CREATE TRIGGER verifications_requested_channel_insert BEFORE INSERT ON verifications
WHEN NEW.requested_channel NOT IN ('paper', 'electronic')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: requested_channel');
END;
CREATE TRIGGER verifications_requested_channel_update BEFORE UPDATE ON verifications
WHEN NEW.requested_channel NOT IN ('paper', 'electronic')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: requested_channel');
END;
CREATE TRIGGER delivery_changes_from_channel_insert BEFORE INSERT ON delivery_changes
WHEN NEW.from_channel NOT IN ('paper', 'electronic')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: from_channel');
END;
CREATE TRIGGER delivery_changes_from_channel_update BEFORE UPDATE ON delivery_changes
WHEN NEW.from_channel NOT IN ('paper', 'electronic')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: from_channel');
END;
CREATE TRIGGER delivery_changes_to_channel_insert BEFORE INSERT ON delivery_changes
WHEN NEW.to_channel NOT IN ('paper', 'electronic')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: to_channel');
END;
CREATE TRIGGER delivery_changes_to_channel_update BEFORE UPDATE ON delivery_changes
WHEN NEW.to_channel NOT IN ('paper', 'electronic')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: to_channel');
END;
