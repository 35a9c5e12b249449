-- traffic_class: marketing | transactional. A null tenant marks a shared pool.
CREATE TABLE ip_pools (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id     uuid REFERENCES tenants (id) ON DELETE CASCADE,
    name          text NOT NULL,
    traffic_class text NOT NULL DEFAULT 'marketing',
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ip_pools_class_check CHECK (traffic_class IN ('marketing', 'transactional'))
);
CREATE UNIQUE INDEX ip_pools_name_key ON ip_pools (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), name);

CREATE TABLE sending_ips (
    ip          text PRIMARY KEY,
    pool_id     uuid REFERENCES ip_pools (id) ON DELETE SET NULL,
    helo_name   text,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sending_ips_pool_idx ON sending_ips (pool_id);

-- The from-domain a tenant sends as, with its DKIM key and the pools its traffic uses.
CREATE TABLE sender_identities (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id           uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    domain              text NOT NULL,
    from_address        text NOT NULL,
    from_name           text,
    dkim_selector       text,
    dkim_private_key    text,
    marketing_pool_id     uuid REFERENCES ip_pools (id),
    transactional_pool_id uuid REFERENCES ip_pools (id),
    created_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, domain)
);

ALTER TABLE campaigns
    ADD CONSTRAINT campaigns_sender_identity_fk
        FOREIGN KEY (sender_identity_id) REFERENCES sender_identities (id);

-- One warmup per sending IP. schedule: [{"fromDay":1,"cap":50}, ...]; cap -1 is unlimited.
CREATE TABLE warmup_schedules (
    ip            text PRIMARY KEY REFERENCES sending_ips (ip) ON DELETE CASCADE,
    schedule      jsonb NOT NULL,
    started_on    date NOT NULL DEFAULT current_date,
    schedule_day  integer NOT NULL DEFAULT 1,
    daily_cap     bigint NOT NULL DEFAULT 50,
    sent_today    bigint NOT NULL DEFAULT 0,
    paused        boolean NOT NULL DEFAULT false,
    pause_reason  text,
    paused_at     timestamptz,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
