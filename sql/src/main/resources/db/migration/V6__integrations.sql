CREATE TABLE webhook_subscriptions (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    url         text NOT NULL,
    secret      text NOT NULL,
    event_types text[] NOT NULL DEFAULT '{}',
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_tenant_idx ON webhook_subscriptions (tenant_id) WHERE active;

-- status: pending | delivered | failed (gave up after the last retry)
CREATE TABLE webhook_deliveries (
    id               bigserial PRIMARY KEY,
    subscription_id  uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id         uuid NOT NULL,
    status           text NOT NULL DEFAULT 'pending',
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_status_code integer,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

-- severity: info | warning | critical. scope: ip | identity | campaign | tenant
CREATE TABLE advisor_recommendations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid REFERENCES tenants (id) ON DELETE CASCADE,
    scope       text NOT NULL,
    subject     text NOT NULL,
    severity    text NOT NULL,
    title       text NOT NULL,
    detail      text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    resolved_at timestamptz,
    CONSTRAINT advisor_severity_check CHECK (severity IN ('info', 'warning', 'critical'))
);
CREATE INDEX advisor_recommendations_open_idx
    ON advisor_recommendations (tenant_id, created_at DESC) WHERE resolved_at IS NULL;

-- Conversions attributed to a contact, and to the campaign that led to them.
CREATE TABLE deals (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    contact_id  uuid REFERENCES contacts (id) ON DELETE SET NULL,
    campaign_id uuid REFERENCES campaigns (id) ON DELETE SET NULL,
    name        text NOT NULL,
    value       numeric(14, 2) NOT NULL DEFAULT 0,
    stage       text NOT NULL DEFAULT 'open',
    created_at  timestamptz NOT NULL DEFAULT now(),
    closed_at   timestamptz
);
CREATE INDEX deals_tenant_idx ON deals (tenant_id, created_at DESC);
