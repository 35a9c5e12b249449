-- Inbound callbacks: per tenant and provider, the secret that signs a provider's callbacks (the
-- WhatsApp app secret, the Twilio auth token, the generic bounce webhook's shared secret) and, for
-- WhatsApp, the verify token of its subscription handshake.
CREATE TABLE callback_secrets (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    provider     text NOT NULL,
    secret       text NOT NULL,
    verify_token text,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, provider),
    CONSTRAINT callback_secrets_provider_check CHECK (provider IN ('whatsapp', 'twilio', 'bounces'))
);

-- A provider's id for a message Heron sent through it (a WhatsApp wamid, a Twilio MessageSid),
-- written by the sender when the provider accepts the message, so that status callbacks find it.
CREATE TABLE provider_messages (
    provider            text NOT NULL,
    provider_message_id text NOT NULL,
    message_id          uuid NOT NULL,
    tenant_id           uuid NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, provider_message_id)
);
CREATE INDEX provider_messages_message_idx ON provider_messages (message_id);

-- Callbacks that could not be read are kept with the tenant whose endpoint received them.
ALTER TABLE unparsed_reports ADD COLUMN tenant_id uuid;

-- Outbound: the exact body each delivery posts, its event type, and when it was last tried.
ALTER TABLE webhook_deliveries
    ADD COLUMN event_type      text,
    ADD COLUMN payload         text,
    ADD COLUMN last_attempt_at timestamptz;
CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (subscription_id, id DESC);
