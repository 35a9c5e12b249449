-- Written by the stream jobs, read by the control API, dashboards and analysts.

-- The raw archive of heron.events. The primary key includes the time column, as a hypertable
-- requires; an event keeps its occurred_at on replay, so it also de-duplicates on event_id.
CREATE TABLE events (
    occurred_at     timestamptz NOT NULL,
    event_id        uuid NOT NULL,
    type            text NOT NULL,
    schema_version  integer NOT NULL,
    source          text,
    tenant_id       uuid NOT NULL,
    campaign_id     uuid,
    message_id      uuid,
    recipient_id    uuid,
    contact_id      uuid,
    channel         text,
    variant         text,
    sending_ip      text,
    sender_identity text,
    provider        text,
    bounce_class    text,
    smtp_code       integer,
    enhanced_status text,
    smtp_response   text,
    reason          text,
    machine_open    boolean,
    url             text,
    value           numeric(14, 2),
    ingested_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, occurred_at)
);
SELECT create_hypertable('events', 'occurred_at', chunk_time_interval => INTERVAL '1 day');
CREATE INDEX events_message_idx ON events (message_id, occurred_at DESC);
CREATE INDEX events_campaign_idx ON events (tenant_id, campaign_id, occurred_at DESC);
CREATE INDEX events_contact_idx ON events (tenant_id, contact_id, occurred_at DESC);
CREATE INDEX events_type_idx ON events (type, occurred_at DESC);

-- One row per hour x tenant x campaign x channel x provider x sender identity x variant.
-- Unknown dimensions are '' so that the key never holds a null. Daily and campaign totals are
-- time_bucket roll-ups of these rows.
CREATE TABLE insight_buckets_hourly (
    bucket           timestamptz NOT NULL,
    tenant_id        uuid NOT NULL,
    campaign_id      uuid NOT NULL,
    channel          text NOT NULL,
    provider         text NOT NULL DEFAULT '',
    sender_identity  text NOT NULL DEFAULT '',
    variant          text NOT NULL DEFAULT '',
    sent             bigint NOT NULL DEFAULT 0,
    delivered        bigint NOT NULL DEFAULT 0,
    deferred         bigint NOT NULL DEFAULT 0,
    bounced_hard     bigint NOT NULL DEFAULT 0,
    bounced_soft     bigint NOT NULL DEFAULT 0,
    blocked          bigint NOT NULL DEFAULT 0,
    failed           bigint NOT NULL DEFAULT 0,
    dropped          bigint NOT NULL DEFAULT 0,
    opens_total      bigint NOT NULL DEFAULT 0,
    opens_unique     bigint NOT NULL DEFAULT 0,
    opens_machine    bigint NOT NULL DEFAULT 0,
    clicks_total     bigint NOT NULL DEFAULT 0,
    clicks_unique    bigint NOT NULL DEFAULT 0,
    replies          bigint NOT NULL DEFAULT 0,
    unsubscribes     bigint NOT NULL DEFAULT 0,
    complaints       bigint NOT NULL DEFAULT 0,
    conversions      bigint NOT NULL DEFAULT 0,
    conversion_value numeric(16, 2) NOT NULL DEFAULT 0,
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, campaign_id, channel, provider, sender_identity, variant, bucket)
);
SELECT create_hypertable('insight_buckets_hourly', 'bucket', chunk_time_interval => INTERVAL '7 days');
CREATE INDEX insight_buckets_campaign_idx ON insight_buckets_hourly (campaign_id, bucket DESC);

-- Score snapshots per sending IP x provider over a rolling 24 hours.
CREATE TABLE ip_reputation (
    computed_at    timestamptz NOT NULL,
    ip             text NOT NULL,
    provider       text NOT NULL,
    volume         bigint NOT NULL,
    delivery_rate  double precision NOT NULL,
    bounce_rate    double precision NOT NULL,
    complaint_rate double precision NOT NULL,
    deferral_rate  double precision NOT NULL,
    score          double precision NOT NULL,
    PRIMARY KEY (ip, provider, computed_at)
);
SELECT create_hypertable('ip_reputation', 'computed_at', chunk_time_interval => INTERVAL '7 days');

-- The latest snapshot per IP x provider, for the sender and the API.
CREATE TABLE ip_reputation_current (
    ip             text NOT NULL,
    provider       text NOT NULL,
    computed_at    timestamptz NOT NULL,
    volume         bigint NOT NULL,
    delivery_rate  double precision NOT NULL,
    bounce_rate    double precision NOT NULL,
    complaint_rate double precision NOT NULL,
    deferral_rate  double precision NOT NULL,
    score          double precision NOT NULL,
    PRIMARY KEY (ip, provider)
);

-- Per contact send-time model snapshots: hours of the week (0 = Monday 00:00 in the contact's
-- zone) ranked best first, with a confidence in [0, 1].
CREATE TABLE contact_send_time (
    computed_at   timestamptz NOT NULL,
    tenant_id     uuid NOT NULL,
    contact_id    uuid NOT NULL,
    best_hours    integer[] NOT NULL,
    confidence    double precision NOT NULL,
    observations  bigint NOT NULL DEFAULT 0,
    model_version text NOT NULL,
    PRIMARY KEY (tenant_id, contact_id, computed_at)
);
SELECT create_hypertable('contact_send_time', 'computed_at', chunk_time_interval => INTERVAL '30 days');
CREATE INDEX contact_send_time_latest_idx ON contact_send_time (tenant_id, contact_id, computed_at DESC);
