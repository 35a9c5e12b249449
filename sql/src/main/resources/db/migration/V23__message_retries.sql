-- Deferred messages waiting for their next try. A retry is durable (a crash does not lose it) and
-- does not hold back the send requests behind it: the Kafka offset is committed once the deferral
-- is recorded here. A sender takes due rows with a lease (due_at moved forward); completing the
-- message's claim removes its row.
CREATE TABLE message_retries (
    message_id       uuid PRIMARY KEY,
    tenant_id        uuid NOT NULL,
    request          jsonb NOT NULL,
    attempt          integer NOT NULL,
    due_at           timestamptz NOT NULL,
    first_attempt_at timestamptz NOT NULL,
    sent_at          timestamptz,
    sending_ip       text
);
CREATE INDEX message_retries_due_idx ON message_retries (due_at);
