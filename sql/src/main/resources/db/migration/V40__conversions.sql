-- Conversions reported through POST /api/conversions. The row is the idempotency guard: a
-- conversion reported again with the same order id is answered with the first one and not counted
-- twice. The CONVERTED event on heron.events (the same event id) is what the stream jobs count.
CREATE TABLE conversions (
    event_id    uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    order_id    text,
    message_id  uuid NOT NULL,
    campaign_id uuid NOT NULL,
    contact_id  uuid,
    value       numeric(14, 2),
    occurred_at timestamptz NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT conversions_order_unique UNIQUE (tenant_id, order_id)
);
CREATE INDEX conversions_campaign_idx ON conversions (campaign_id, occurred_at);
