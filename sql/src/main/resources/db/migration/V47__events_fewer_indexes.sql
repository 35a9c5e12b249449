-- Every index of the events archive is paid for by every archived event, and the archive must keep
-- up with heron.events. Two of them have no reader:
-- - events_contact_idx (tenant, contact, time): nothing looks events up by contact; a contact's
--   history is read from recipients and message_claims (messages-by-contact in reads.sql).
-- - events_type_idx (type, time): the only query that filters on type (the SENT-per-IP panel of the
--   ip-reputation-and-warmup dashboard) also filters on a time range, which the hypertable's own
--   events_occurred_at_idx and its day chunks serve; ten types make the type a poor filter anyway.
-- Kept: the primary key (de-duplication on event_id), events_message_idx (message-events),
-- events_campaign_idx (a campaign's raw events) and events_occurred_at_idx (time ranges).
DROP INDEX IF EXISTS events_contact_idx;
DROP INDEX IF EXISTS events_type_idx;
