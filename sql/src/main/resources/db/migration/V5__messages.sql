-- One message: a campaign x contact x channel, planned once (re-planning is idempotent).
-- status: planned | queued | dispatched | sent | delivered | deferred | bounced | failed | dropped
CREATE TABLE recipients (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    message_id    uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    campaign_id   uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    contact_id    uuid NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
    channel       text NOT NULL,
    variant       text NOT NULL DEFAULT 'A',
    address       text NOT NULL,
    variables     jsonb NOT NULL DEFAULT '{}'::jsonb,
    status        text NOT NULL DEFAULT 'planned',
    status_reason text,
    planned_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (campaign_id, contact_id, channel)
);
CREATE INDEX recipients_contact_idx ON recipients (tenant_id, contact_id, planned_at DESC);
CREATE INDEX recipients_campaign_status_idx ON recipients (campaign_id, status);

-- Rows the dispatcher moves to heron.sends when due (FOR UPDATE SKIP LOCKED).
CREATE TABLE send_queue (
    recipient_id  uuid PRIMARY KEY REFERENCES recipients (id) ON DELETE CASCADE,
    tenant_id     uuid NOT NULL,
    campaign_id   uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    due_at        timestamptz NOT NULL,
    sending_ip    text,
    dispatched_at timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX send_queue_due_idx ON send_queue (due_at) WHERE dispatched_at IS NULL;
CREATE INDEX send_queue_campaign_idx ON send_queue (campaign_id) WHERE dispatched_at IS NULL;

-- The senders' durable claim on a message, taken before the SMTP transaction and completed with
-- its outcome after it: a redelivered or replayed send request never produces a second message.
CREATE TABLE message_claims (
    message_id   uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL,
    claimed_by   text NOT NULL,
    claimed_at   timestamptz NOT NULL DEFAULT now(),
    attempts     integer NOT NULL DEFAULT 1,
    outcome      text,
    outcome_at   timestamptz,
    sending_ip   text,
    provider     text,
    sender_identity text,
    smtp_response text
);

-- The links of each sent message: a click redirects only to a URL recorded here.
CREATE TABLE message_links (
    message_id uuid NOT NULL,
    link_index integer NOT NULL,
    url        text NOT NULL,
    PRIMARY KEY (message_id, link_index)
);

-- Late reports (DSN, ARF) and inbound webhooks that could not be read, kept with the reason.
CREATE TABLE unparsed_reports (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    received_at timestamptz NOT NULL DEFAULT now(),
    kind        text NOT NULL,
    reason      text NOT NULL,
    raw         text NOT NULL
);
