-- The read APIs: message search, the contact timeline, IP scores, warmup, the advisor, A/B results
-- and similar campaigns. Every query is scoped to the tenant it is given.

-- ---------------------------------------------------------------------------------------------
-- messages

-- name: messages-by-id
-- One message of a tenant.
SELECT r.message_id, r.campaign_id, c.name AS campaign_name, r.contact_id, r.channel, r.variant,
       r.address, r.status, r.planned_at, m.sending_ip, m.provider, m.smtp_response
FROM recipients r
JOIN campaigns c ON c.id = r.campaign_id
LEFT JOIN message_claims m ON m.message_id = r.message_id
WHERE r.tenant_id = ? AND r.message_id = ?;

-- name: messages-by-recipient
-- A tenant's messages to one address (an email address or a phone number), newest first.
SELECT r.message_id, r.campaign_id, c.name AS campaign_name, r.contact_id, r.channel, r.variant,
       r.address, r.status, r.planned_at, m.sending_ip, m.provider, m.smtp_response
FROM recipients r
JOIN campaigns c ON c.id = r.campaign_id
LEFT JOIN message_claims m ON m.message_id = r.message_id
WHERE r.tenant_id = ? AND r.address = ?
ORDER BY r.planned_at DESC, r.message_id
LIMIT ? OFFSET ?;

-- name: messages-by-campaign
-- A page of one campaign's messages.
SELECT r.message_id, r.campaign_id, c.name AS campaign_name, r.contact_id, r.channel, r.variant,
       r.address, r.status, r.planned_at, m.sending_ip, m.provider, m.smtp_response
FROM recipients r
JOIN campaigns c ON c.id = r.campaign_id
LEFT JOIN message_claims m ON m.message_id = r.message_id
WHERE r.tenant_id = ? AND r.campaign_id = ?
ORDER BY r.planned_at DESC, r.message_id
LIMIT ? OFFSET ?;

-- name: messages-by-contact
-- A page of one contact's messages across campaigns, newest first.
SELECT r.message_id, r.campaign_id, c.name AS campaign_name, r.contact_id, r.channel, r.variant,
       r.address, r.status, r.planned_at, m.sending_ip, m.provider, m.smtp_response
FROM recipients r
JOIN campaigns c ON c.id = r.campaign_id
LEFT JOIN message_claims m ON m.message_id = r.message_id
WHERE r.tenant_id = ? AND r.contact_id = ?
ORDER BY r.planned_at DESC, r.message_id
LIMIT ? OFFSET ?;

-- name: message-events
-- Every archived event of some messages of a tenant, in the order they occurred.
SELECT event_id, message_id, type, occurred_at, source, sending_ip, provider, bounce_class,
       smtp_code, enhanced_status, smtp_response, reason, machine_open, url, value
FROM events
WHERE tenant_id = ? AND message_id = ANY(?::uuid[])
ORDER BY occurred_at, event_id;

-- name: contact-exists
-- Whether a contact belongs to the tenant.
SELECT 1 FROM contacts WHERE tenant_id = ? AND id = ?;

-- name: campaign-of-tenant
-- A campaign of the tenant, with what the advisor and A/B results need.
SELECT id, name, status, audience::text AS audience, sender_identity_id, launched_at, completed_at
FROM campaigns WHERE tenant_id = ? AND id = ?;

-- ---------------------------------------------------------------------------------------------
-- sending IPs: a tenant sees the IPs of its own pools and of shared pools (or of none)

-- name: ip-scores-current
-- The latest score of every IP x provider the tenant may see.
SELECT q.ip, q.provider, q.computed_at, q.volume, q.delivery_rate, q.bounce_rate, q.complaint_rate,
       q.deferral_rate, q.score
FROM ip_reputation_current q
JOIN sending_ips s ON s.ip = q.ip
LEFT JOIN ip_pools p ON p.id = s.pool_id
WHERE p.tenant_id IS NULL OR p.tenant_id = ?
ORDER BY q.ip, q.provider;

-- name: ip-visible
-- An IP the tenant may see: shared=true when it is not in one of the tenant's own pools.
SELECT s.ip, p.tenant_id IS NULL AS shared
FROM sending_ips s
LEFT JOIN ip_pools p ON p.id = s.pool_id
WHERE s.ip = ? AND (p.tenant_id IS NULL OR p.tenant_id = ?);

-- name: ip-exists
-- Whether the IP is registered at all.
SELECT 1 FROM sending_ips WHERE ip = ?;

-- name: ip-score-history
-- Score snapshots of one IP in [from, to), newest first.
SELECT ip, provider, computed_at, volume, delivery_rate, bounce_rate, complaint_rate,
       deferral_rate, score
FROM ip_reputation
WHERE ip = ? AND computed_at >= ? AND computed_at < ?
ORDER BY computed_at DESC, provider
LIMIT ?;

-- name: warmup-status
-- The warmups of the IPs the tenant may see, with what the senders counted today.
SELECT w.ip, w.schedule::text AS schedule, w.started_on, w.schedule_day, w.daily_cap,
       greatest(w.sent_today, coalesce(u.sent, 0)) AS sent_today, w.paused, w.pause_reason,
       w.paused_at, w.updated_at, p.tenant_id IS NULL AS shared
FROM warmup_schedules w
JOIN sending_ips s ON s.ip = w.ip
LEFT JOIN ip_pools p ON p.id = s.pool_id
LEFT JOIN warmup_usage u ON u.ip = w.ip AND u.day = (now() AT TIME ZONE 'UTC')::date
WHERE p.tenant_id IS NULL OR p.tenant_id = ?
ORDER BY w.ip;

-- name: tenant-pool
-- The tenant's own pool of dedicated IPs of a traffic class, created when first needed.
INSERT INTO ip_pools (tenant_id, name, traffic_class) VALUES (?, ?, ?)
ON CONFLICT (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), name)
DO UPDATE SET name = EXCLUDED.name
RETURNING id;

-- name: ip-register
-- A new dedicated IP in the tenant's pool.
INSERT INTO sending_ips (ip, pool_id) VALUES (?, ?);

-- name: warmup-start
-- Starts (or restarts) an IP's warmup on day 1 of the given schedule.
INSERT INTO warmup_schedules (ip, schedule, started_on, schedule_day, daily_cap, sent_today,
                              paused, pause_reason, paused_at, updated_at)
VALUES (?, ?::jsonb, (now() AT TIME ZONE 'UTC')::date, 1, ?, 0, false, NULL, NULL, now())
ON CONFLICT (ip) DO UPDATE SET
    schedule = EXCLUDED.schedule, started_on = EXCLUDED.started_on, schedule_day = 1,
    daily_cap = EXCLUDED.daily_cap, sent_today = 0, paused = false, pause_reason = NULL,
    paused_at = NULL, updated_at = now();

-- name: warmup-exists
-- Whether the IP already has a warmup.
SELECT 1 FROM warmup_schedules WHERE ip = ?;

-- ---------------------------------------------------------------------------------------------
-- advisor

-- name: advisor-identity
-- The sender identity a campaign sends as.
SELECT i.id, i.domain, i.dkim_selector
FROM campaigns c JOIN sender_identities i ON i.id = c.sender_identity_id
WHERE c.tenant_id = ? AND c.id = ?;

-- name: advisor-campaign-totals
-- A campaign's totals over all its hourly buckets.
SELECT coalesce(sum(sent), 0) AS sent, coalesce(sum(delivered), 0) AS delivered,
       coalesce(sum(bounced_hard + bounced_soft + blocked), 0) AS bounced,
       coalesce(sum(opens_unique), 0) AS opens_unique,
       coalesce(sum(complaints), 0) AS complaints
FROM insight_buckets_hourly WHERE tenant_id = ? AND campaign_id = ?;

-- name: advisor-warming-ips
-- The IPs a campaign's messages were sent from that are still warming up.
SELECT DISTINCT w.ip, w.schedule_day, w.daily_cap
FROM (SELECT m.sending_ip AS ip FROM recipients r JOIN message_claims m ON m.message_id = r.message_id
      WHERE r.campaign_id = ? AND m.sending_ip IS NOT NULL) used
JOIN warmup_schedules w ON w.ip = used.ip
WHERE w.daily_cap >= 0
ORDER BY w.ip;

-- name: advisor-list-last-sent
-- For each list in a campaign's audience: its name and when another campaign to it was launched last.
SELECT l.id, l.name,
       (SELECT max(o.launched_at) FROM campaigns o
        WHERE o.tenant_id = l.tenant_id AND o.id <> ? AND o.launched_at IS NOT NULL
          AND jsonb_exists(o.audience -> 'lists', l.id::text)) AS last_sent
FROM lists l
WHERE l.tenant_id = ? AND l.id = ANY(?::uuid[])
ORDER BY l.name;

-- name: advisor-open
-- The recommendations of a campaign that still apply and are not dismissed, worst first.
SELECT id, code, scope, subject, severity, title, detail, created_at
FROM advisor_recommendations
WHERE tenant_id = ? AND campaign_id = ? AND resolved_at IS NULL AND dismissed_at IS NULL
ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, created_at, id;

-- name: advisor-raise
-- Raises a finding; one already open for the same check and subject is left as it is.
INSERT INTO advisor_recommendations (tenant_id, campaign_id, code, scope, subject, severity, title, detail)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (campaign_id, code, subject) WHERE resolved_at IS NULL
DO UPDATE SET severity = EXCLUDED.severity, title = EXCLUDED.title, detail = EXCLUDED.detail;

-- name: advisor-resolve-others
-- Resolves the open findings of a campaign that the latest run did not raise again.
UPDATE advisor_recommendations SET resolved_at = now()
WHERE campaign_id = ? AND resolved_at IS NULL AND NOT ((code || '|' || subject) = ANY(?::text[]));

-- name: advisor-dismiss
-- The user dismisses a finding: it stays dismissed while it applies.
UPDATE advisor_recommendations SET dismissed_at = coalesce(dismissed_at, now())
WHERE tenant_id = ? AND campaign_id = ? AND id = ? AND resolved_at IS NULL;

-- name: advisor-ran
-- Notes that the advisor ran for a campaign.
INSERT INTO advisor_runs (campaign_id, ran_at) VALUES (?, now())
ON CONFLICT (campaign_id) DO UPDATE SET ran_at = now();

-- name: advisor-has-run
-- Whether the advisor ever ran for a campaign.
SELECT 1 FROM advisor_runs WHERE campaign_id = ?;

-- name: advisor-completed-unchecked
-- Completed campaigns the advisor has not looked at since they completed.
SELECT c.tenant_id, c.id FROM campaigns c
LEFT JOIN advisor_runs a ON a.campaign_id = c.id
WHERE c.status = 'completed' AND (a.ran_at IS NULL OR a.ran_at < coalesce(c.completed_at, c.updated_at))
LIMIT 50;

-- ---------------------------------------------------------------------------------------------
-- A/B tests

-- name: ab-test
-- A campaign's A/B test.
SELECT id, metric, test_percent, window_ends_at, status, winner_variant, decided_at,
       decision::text AS decision
FROM ab_tests WHERE tenant_id = ? AND campaign_id = ?;

-- name: ab-variants
-- Per variant of a campaign: its split and its totals over all hourly buckets.
SELECT v.variant, max(v.split_percent) AS split_percent,
       coalesce(sum(b.sent), 0) AS sent, coalesce(sum(b.delivered), 0) AS delivered,
       coalesce(sum(b.opens_unique), 0) AS opens_unique,
       coalesce(sum(b.clicks_unique), 0) AS clicks_unique,
       coalesce(sum(b.conversions), 0) AS conversions,
       coalesce(sum(b.conversion_value), 0) AS conversion_value
FROM (SELECT DISTINCT variant, split_percent FROM campaign_variants WHERE campaign_id = ?) v
LEFT JOIN insight_buckets_hourly b
       ON b.tenant_id = ? AND b.campaign_id = ? AND b.variant = v.variant
GROUP BY v.variant
ORDER BY v.variant;

-- ---------------------------------------------------------------------------------------------
-- similar campaigns

-- name: campaigns-to-embed
-- A tenant's campaigns without an embedding of the current model, with the text to embed.
SELECT c.id, concat_ws(' ', c.name, c.description, c.goal,
         (SELECT string_agg(concat_ws(' ', tv.subject, tv.text_body), ' ')
          FROM campaign_variants cv
          JOIN templates t ON t.id = cv.template_id
          JOIN template_versions tv ON tv.template_id = cv.template_id AND tv.version = cv.template_version
          WHERE cv.campaign_id = c.id)) AS text
FROM campaigns c
WHERE c.tenant_id = ? AND (c.embedding IS NULL OR c.embedding_model IS DISTINCT FROM ?)
LIMIT 500;

-- name: campaign-embed
-- Stores a campaign's embedding and the model that made it.
UPDATE campaigns SET embedding = ?::vector, embedding_model = ? WHERE id = ?;

-- name: campaigns-similar
-- The tenant's campaigns nearest to one by cosine distance of their embeddings.
SELECT o.id, o.name, o.status, o.created_at, o.embedding <=> c.embedding AS distance
FROM campaigns c
JOIN campaigns o ON o.tenant_id = c.tenant_id AND o.id <> c.id AND o.embedding IS NOT NULL
WHERE c.tenant_id = ? AND c.id = ? AND c.embedding IS NOT NULL
ORDER BY o.embedding <=> c.embedding
LIMIT ?;
