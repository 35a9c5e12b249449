-- Statements the stream jobs' sinks run. Each is idempotent: a replay from a checkpoint writes
-- the same rows again and leaves the tables as they were.

-- name: upsert-insight-bucket
-- Writes one hourly bucket's absolute totals, replacing what the row held.
INSERT INTO insight_buckets_hourly (
    bucket, tenant_id, campaign_id, channel, provider, sender_identity, variant,
    sent, delivered, deferred, bounced_hard, bounced_soft, blocked, failed, dropped,
    opens_total, opens_unique, opens_machine, clicks_total, clicks_unique, replies,
    unsubscribes, complaints, conversions, conversion_value, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
ON CONFLICT (tenant_id, campaign_id, channel, provider, sender_identity, variant, bucket)
DO UPDATE SET
    sent = EXCLUDED.sent,
    delivered = EXCLUDED.delivered,
    deferred = EXCLUDED.deferred,
    bounced_hard = EXCLUDED.bounced_hard,
    bounced_soft = EXCLUDED.bounced_soft,
    blocked = EXCLUDED.blocked,
    failed = EXCLUDED.failed,
    dropped = EXCLUDED.dropped,
    opens_total = EXCLUDED.opens_total,
    opens_unique = EXCLUDED.opens_unique,
    opens_machine = EXCLUDED.opens_machine,
    clicks_total = EXCLUDED.clicks_total,
    clicks_unique = EXCLUDED.clicks_unique,
    replies = EXCLUDED.replies,
    unsubscribes = EXCLUDED.unsubscribes,
    complaints = EXCLUDED.complaints,
    conversions = EXCLUDED.conversions,
    conversion_value = EXCLUDED.conversion_value,
    updated_at = now();

-- name: upsert-ip-reputation
-- Records one score snapshot of an IP at a provider, stamped with the newest event time it includes.
INSERT INTO ip_reputation (
    computed_at, ip, provider, volume, delivery_rate, bounce_rate, complaint_rate, deferral_rate,
    score)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (ip, provider, computed_at) DO UPDATE SET
    volume = EXCLUDED.volume,
    delivery_rate = EXCLUDED.delivery_rate,
    bounce_rate = EXCLUDED.bounce_rate,
    complaint_rate = EXCLUDED.complaint_rate,
    deferral_rate = EXCLUDED.deferral_rate,
    score = EXCLUDED.score;

-- name: upsert-ip-reputation-current
-- Keeps the newest score per IP and provider; an older snapshot (a replay) does not replace it.
INSERT INTO ip_reputation_current (
    computed_at, ip, provider, volume, delivery_rate, bounce_rate, complaint_rate, deferral_rate,
    score)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (ip, provider) DO UPDATE SET
    computed_at = EXCLUDED.computed_at,
    volume = EXCLUDED.volume,
    delivery_rate = EXCLUDED.delivery_rate,
    bounce_rate = EXCLUDED.bounce_rate,
    complaint_rate = EXCLUDED.complaint_rate,
    deferral_rate = EXCLUDED.deferral_rate,
    score = EXCLUDED.score
WHERE ip_reputation_current.computed_at <= EXCLUDED.computed_at;

-- name: find-warmup-plan
-- One IP's warmup: its schedule and where it stood on the day of its last update (UTC).
SELECT schedule::text AS schedule, schedule_day, sent_today, paused, pause_reason,
       (updated_at AT TIME ZONE 'UTC')::date AS as_of
FROM warmup_schedules
WHERE ip = ?;

-- name: update-warmup-schedule
-- Records where an IP's warmup stands today, as the guard computed it.
UPDATE warmup_schedules SET
    schedule_day = ?,
    daily_cap = ?,
    sent_today = ?,
    paused = ?,
    pause_reason = ?,
    paused_at = CASE WHEN ? THEN coalesce(paused_at, ?) END,
    updated_at = ?
WHERE ip = ?;

-- name: insert-suppression
-- Suppresses the address a message went to, tenant-wide; the first reason recorded for an address stays.
INSERT INTO suppression_list (tenant_id, channel, address, reason, source_event_id, detail, created_at)
SELECT target.tenant_id, target.channel, target.address, ?, ?, ?, ?
FROM (
    SELECT r.tenant_id, r.channel, r.address
    FROM recipients r
    WHERE r.message_id = ? AND r.tenant_id = ?
    UNION ALL
    SELECT c.tenant_id, ?, CASE WHEN ? = 'email' THEN c.email ELSE c.phone END
    FROM contacts c
    WHERE c.id = ? AND c.tenant_id = ?
      AND NOT EXISTS (SELECT 1 FROM recipients r WHERE r.message_id = ?)
) AS target
WHERE target.address IS NOT NULL AND target.address <> ''
ON CONFLICT (tenant_id, channel, address) DO NOTHING;

-- name: find-contact-zone
-- A contact's time zone (IANA name), for the send-time model.
SELECT time_zone FROM contacts WHERE id = ? AND tenant_id = ?;

-- name: upsert-contact-send-time
-- Records one snapshot of a contact's send-time model, stamped with the newest event time it includes.
INSERT INTO contact_send_time (
    computed_at, tenant_id, contact_id, best_hours, confidence, observations, model_version)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (tenant_id, contact_id, computed_at) DO UPDATE SET
    best_hours = EXCLUDED.best_hours,
    confidence = EXCLUDED.confidence,
    observations = EXCLUDED.observations,
    model_version = EXCLUDED.model_version;

-- name: find-ab-test
-- A campaign's A/B test: its metric, window and whether it is decided.
SELECT id::text AS id, metric, window_ends_at, status FROM ab_tests WHERE campaign_id = ?;

-- name: decide-ab-test
-- Records an A/B test's winner; the first decision stands.
UPDATE ab_tests SET
    status = 'decided',
    winner_variant = ?,
    decided_at = ?,
    decision = ?::jsonb
WHERE id = ? AND status = 'running';

-- name: archive-staging
-- A staging table for one archive batch, private to the connection and emptied at every commit.
CREATE TEMP TABLE IF NOT EXISTS events_staging (LIKE events INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;

-- name: archive-copy
-- Streams one archive batch straight into the archive (binary COPY). A batch rarely holds an event
-- already archived (only a replay after a restart or a producer's retry does); when it does, the
-- unique violation fails it and the batch goes in through the staging table instead.
COPY events (
    occurred_at, event_id, type, schema_version, source, tenant_id, campaign_id, message_id,
    recipient_id, contact_id, channel, variant, sending_ip, sender_identity, provider,
    bounce_class, smtp_code, enhanced_status, smtp_response, reason, machine_open, url, value)
FROM STDIN (FORMAT binary);

-- name: archive-staging-copy
-- Streams one archive batch into the staging table (binary COPY), the same columns in the same order.
COPY events_staging (
    occurred_at, event_id, type, schema_version, source, tenant_id, campaign_id, message_id,
    recipient_id, contact_id, channel, variant, sending_ip, sender_identity, provider,
    bounce_class, smtp_code, enhanced_status, smtp_response, reason, machine_open, url, value)
FROM STDIN (FORMAT binary);

-- name: archive-from-staging
-- Moves the staged batch into the archive; an event already archived (same id and time) is left alone.
INSERT INTO events SELECT * FROM events_staging
ON CONFLICT (event_id, occurred_at) DO NOTHING;
