-- When a claimed message was first handed to the provider, so that a replayed request can emit
-- the very same SENT event (same id, same time) when the first emission may have been lost.
ALTER TABLE message_claims
    ADD COLUMN sent_at timestamptz;
