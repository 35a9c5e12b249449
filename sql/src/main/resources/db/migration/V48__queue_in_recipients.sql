-- The send queue becomes the queued recipients themselves. A queue row repeated its recipient's
-- id, tenant and campaign and cost a million-contact plan a second million rows (a heap row, three
-- index entries and a key check each, about a third of the plan's write). A recipient now carries
-- its due time and when it was dispatched; "queued" is the status it already had from planning to
-- dispatch, and a partial index holds exactly those rows in due order for the dispatcher.
-- send_queue stays, as a view with the table's columns, for readers and analysts' SQL.
ALTER TABLE recipients
    ADD COLUMN due_at        timestamptz,
    ADD COLUMN dispatched_at timestamptz;

UPDATE recipients r
SET due_at = q.due_at, dispatched_at = q.dispatched_at
FROM send_queue q
WHERE q.recipient_id = r.id;

DROP TRIGGER recipients_delete_queue ON recipients;
DROP FUNCTION heron_delete_recipient_queue();
DROP TABLE send_queue;

-- The dispatcher's batch: due queued messages, soonest first.
CREATE INDEX recipients_due_idx ON recipients (due_at) WHERE status = 'queued';

-- The queue as the table showed it: the messages waiting (dispatched_at null) and those already
-- dispatched; a cancelled campaign's waiting messages leave it, as their rows were deleted.
CREATE VIEW send_queue AS
SELECT id AS recipient_id, tenant_id, campaign_id, due_at, dispatched_at, planned_at AS created_at
FROM recipients
WHERE status = 'queued' OR dispatched_at IS NOT NULL;
