-- A claim's outcome is always recorded with its time: the outcome event a replayed request re-emits
-- takes its time from outcome_at, and an event without one is unreadable downstream. Rows from
-- before this check are not validated (NOT VALID); the senders set apart a claim whose outcome has
-- no time on heron.dlq rather than emit an event without one.
ALTER TABLE message_claims
    ADD CONSTRAINT message_claims_outcome_has_time
    CHECK (outcome IS NULL OR outcome_at IS NOT NULL)
    NOT VALID;
