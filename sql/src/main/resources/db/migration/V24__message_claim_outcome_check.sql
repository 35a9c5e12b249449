-- The outcomes a claim can end with are a fixed set (the final outcome event types). Case is
-- forgiven, as the senders' reader forgives it, so rows written in lower case stay valid; rows
-- from before this check are not validated (NOT VALID): the senders set apart a claim they cannot
-- read on heron.dlq rather than fail on it.
ALTER TABLE message_claims
    ADD CONSTRAINT message_claims_outcome_final
    CHECK (outcome IS NULL OR upper(outcome) IN ('DELIVERED', 'BOUNCED', 'FAILED', 'DROPPED'))
    NOT VALID;
