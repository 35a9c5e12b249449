-- A template per channel. Its content lives in versions; each new version links to the one it
-- replaces and carries its own approval status:
-- unsubmitted -> received -> pending -> approved | rejected, then paused, disabled, archived.
CREATE TABLE templates (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name            text NOT NULL,
    channel         text NOT NULL,
    current_version integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT templates_channel_check
        CHECK (channel IN ('email', 'whatsapp', 'sms', 'facebook', 'instagram')),
    UNIQUE (tenant_id, name, channel)
);

CREATE TABLE template_versions (
    template_id      uuid NOT NULL REFERENCES templates (id) ON DELETE CASCADE,
    version          integer NOT NULL,
    replaces_version integer,
    status           text NOT NULL DEFAULT 'unsubmitted',
    subject          text,
    html_body        text,
    text_body        text,
    media_url        text,
    variables        text[] NOT NULL DEFAULT '{}',
    created_at       timestamptz NOT NULL DEFAULT now(),
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (template_id, version),
    CONSTRAINT template_versions_status_check CHECK (status IN
        ('unsubmitted', 'received', 'pending', 'approved', 'rejected', 'paused', 'disabled', 'archived'))
);

-- status: draft -> scheduled -> running -> paused -> completed | cancelled
-- audience: {"lists": [uuid...], "filter": "expression"}
CREATE TABLE campaigns (
    id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id              uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name                   text NOT NULL,
    description            text,
    goal                   text,
    status                 text NOT NULL DEFAULT 'draft',
    message_class          text NOT NULL DEFAULT 'marketing',
    channels               text[] NOT NULL DEFAULT '{email}',
    audience               jsonb NOT NULL DEFAULT '{}'::jsonb,
    sender_identity_id     uuid,
    scheduled_at           timestamptz,
    send_window_start      timestamptz,
    send_window_end        timestamptz,
    budget                 numeric(14, 2),
    warmup_enabled         boolean NOT NULL DEFAULT false,
    send_time_optimization boolean NOT NULL DEFAULT false,
    launched_at            timestamptz,
    completed_at           timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    embedding              vector(768),
    CONSTRAINT campaigns_status_check CHECK (status IN
        ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
    CONSTRAINT campaigns_class_check CHECK (message_class IN ('marketing', 'transactional'))
);
CREATE INDEX campaigns_tenant_idx ON campaigns (tenant_id, created_at DESC);
CREATE INDEX campaigns_status_idx ON campaigns (status) WHERE status IN ('scheduled', 'running');
CREATE INDEX campaigns_embedding_idx ON campaigns USING hnsw (embedding vector_cosine_ops);

-- One row per variant and channel; a campaign without an A/B test has the single variant 'A'.
CREATE TABLE campaign_variants (
    campaign_id      uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    variant          text NOT NULL,
    channel          text NOT NULL,
    template_id      uuid NOT NULL REFERENCES templates (id),
    template_version integer NOT NULL,
    split_percent    integer NOT NULL DEFAULT 100,
    PRIMARY KEY (campaign_id, variant, channel),
    CONSTRAINT campaign_variants_split_check CHECK (split_percent BETWEEN 0 AND 100)
);

-- metric: opens | clicks | conversions. status: running | decided
CREATE TABLE ab_tests (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    campaign_id     uuid NOT NULL UNIQUE REFERENCES campaigns (id) ON DELETE CASCADE,
    metric          text NOT NULL DEFAULT 'opens',
    test_percent    integer NOT NULL DEFAULT 20,
    window_ends_at  timestamptz,
    status          text NOT NULL DEFAULT 'running',
    winner_variant  text,
    decided_at      timestamptz,
    decision        jsonb,
    CONSTRAINT ab_tests_metric_check CHECK (metric IN ('opens', 'clicks', 'conversions')),
    CONSTRAINT ab_tests_status_check CHECK (status IN ('running', 'decided'))
);

-- The rendered content of campaigns' emails, embedded for "find similar campaigns".
CREATE TABLE campaign_emails (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    variant     text NOT NULL DEFAULT 'A',
    subject     text,
    body_text   text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    embedding   vector(768)
);
CREATE INDEX campaign_emails_campaign_idx ON campaign_emails (campaign_id);
CREATE INDEX campaign_emails_embedding_idx ON campaign_emails USING hnsw (embedding vector_cosine_ops);
