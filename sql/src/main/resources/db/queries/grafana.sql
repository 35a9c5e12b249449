-- The SQL of the Grafana dashboards, one named block per panel or variable menu: the same text as
-- the dashboard JSON holds (a test in the charts module keeps the two equal and runs every block
-- with Grafana's macros and variables substituted). Names: <dashboard>-<panel title>.
-- Grafana expands $__timeFilter(col), $__timeGroupAlias(col, $__interval) and $name before the
-- database sees the text; run a block by hand after substituting them.

-- ---------------------------------------------------------------------------------------------
-- Heron · Campaign insights (charts/grafana/dashboards/campaign-insights.json)

-- name: campaign-insights-variable-tenant
-- The choices of the $tenant menu.
SELECT id::text AS __value, name AS __text FROM tenants ORDER BY name;

-- name: campaign-insights-variable-campaign
-- The choices of the $campaign menu.
SELECT id::text AS __value, name AS __text FROM campaigns WHERE tenant_id = '$tenant' ORDER BY created_at DESC;

-- name: campaign-insights-totals
-- Totals: Counts over the time range, from the hourly insight buckets the Insights job writes.
SELECT sum(sent) AS "Sent",
       sum(delivered) AS "Delivered",
       sum(bounced_hard + bounced_soft + blocked) AS "Bounced",
       sum(deferred) AS "Deferred",
       sum(opens_unique) AS "Unique opens",
       sum(clicks_unique) AS "Unique clicks",
       sum(unsubscribes) AS "Unsubscribes",
       sum(complaints) AS "Complaints"
FROM insight_buckets_hourly
WHERE tenant_id = '$tenant' AND campaign_id = '$campaign' AND $__timeFilter(bucket);

-- name: campaign-insights-volume
-- Volume: Messages per interval (at least an hour: buckets are hourly).
SELECT $__timeGroupAlias(bucket, $__interval, 0),
       sum(sent) AS "sent",
       sum(delivered) AS "delivered",
       sum(bounced_hard + bounced_soft + blocked) AS "bounced",
       sum(deferred) AS "deferred",
       sum(opens_unique) AS "unique opens",
       sum(clicks_unique) AS "unique clicks",
       sum(unsubscribes) AS "unsubscribes",
       sum(complaints) AS "complaints"
FROM insight_buckets_hourly
WHERE tenant_id = '$tenant' AND campaign_id = '$campaign' AND $__timeFilter(bucket)
GROUP BY 1
ORDER BY 1;

-- name: campaign-insights-rates
-- Rates: Delivery and bounces over sent; opens, clicks, complaints and unsubscribes over delivered (unique opens and clicks).
SELECT $__timeGroupAlias(bucket, $__interval),
       sum(delivered)::float8 / nullif(sum(sent), 0) AS "delivery",
       sum(bounced_hard + bounced_soft + blocked)::float8 / nullif(sum(sent), 0) AS "bounce",
       sum(opens_unique)::float8 / nullif(sum(delivered), 0) AS "open",
       sum(clicks_unique)::float8 / nullif(sum(delivered), 0) AS "click",
       sum(complaints)::float8 / nullif(sum(delivered), 0) AS "complaint",
       sum(unsubscribes)::float8 / nullif(sum(delivered), 0) AS "unsubscribe"
FROM insight_buckets_hourly
WHERE tenant_id = '$tenant' AND campaign_id = '$campaign' AND $__timeFilter(bucket)
GROUP BY 1
ORDER BY 1;

-- name: campaign-insights-by-mailbox-provider
-- By mailbox provider: The campaign per recipient mailbox provider.
SELECT provider AS "provider",
       sum(sent) AS "sent",
       sum(delivered) AS "delivered",
       sum(bounced_hard + bounced_soft + blocked) AS "bounced",
       sum(deferred) AS "deferred",
       sum(opens_unique) AS "unique opens",
       sum(clicks_unique) AS "unique clicks",
       sum(complaints) AS "complaints",
       round(sum(delivered)::numeric / nullif(sum(sent), 0), 4) AS "delivery rate",
       round(sum(opens_unique)::numeric / nullif(sum(delivered), 0), 4) AS "open rate",
       round(sum(clicks_unique)::numeric / nullif(sum(delivered), 0), 4) AS "click rate"
FROM insight_buckets_hourly
WHERE tenant_id = '$tenant' AND campaign_id = '$campaign' AND $__timeFilter(bucket)
GROUP BY 1
ORDER BY 2 DESC, 1;

-- name: campaign-insights-by-sender-identity
-- By sender identity: The campaign per sender identity (from-domain).
SELECT sender_identity AS "sender identity",
       sum(sent) AS "sent",
       sum(delivered) AS "delivered",
       sum(bounced_hard + bounced_soft + blocked) AS "bounced",
       sum(deferred) AS "deferred",
       sum(opens_unique) AS "unique opens",
       sum(clicks_unique) AS "unique clicks",
       sum(complaints) AS "complaints",
       round(sum(delivered)::numeric / nullif(sum(sent), 0), 4) AS "delivery rate",
       round(sum(opens_unique)::numeric / nullif(sum(delivered), 0), 4) AS "open rate",
       round(sum(clicks_unique)::numeric / nullif(sum(delivered), 0), 4) AS "click rate"
FROM insight_buckets_hourly
WHERE tenant_id = '$tenant' AND campaign_id = '$campaign' AND $__timeFilter(bucket)
GROUP BY 1
ORDER BY 2 DESC, 1;

-- name: campaign-insights-by-a-b-variant
-- By A/B variant: Unique opens and clicks per variant.
SELECT variant AS "variant",
       sum(sent) AS "sent",
       sum(opens_unique) AS "unique opens",
       sum(clicks_unique) AS "unique clicks",
       sum(conversions) AS "conversions"
FROM insight_buckets_hourly
WHERE tenant_id = '$tenant' AND campaign_id = '$campaign' AND $__timeFilter(bucket)
GROUP BY 1
ORDER BY 1;

-- name: campaign-insights-a-b-test
-- A/B test: The campaign's A/B test as the A/B job decided it.
SELECT metric AS "metric",
       test_percent AS "test %",
       status AS "status",
       winner_variant AS "winner",
       window_ends_at AS "window ends",
       decided_at AS "decided at"
FROM ab_tests
WHERE tenant_id = '$tenant' AND campaign_id = '$campaign';

-- ---------------------------------------------------------------------------------------------
-- Heron · Deliverability by provider (charts/grafana/dashboards/deliverability-by-provider.json)

-- name: deliverability-variable-tenant
-- The choices of the $tenant menu.
SELECT id::text AS __value, name AS __text FROM tenants ORDER BY name;

-- name: deliverability-variable-provider
-- The choices of the $provider menu.
SELECT DISTINCT provider FROM insight_buckets_hourly WHERE tenant_id = '$tenant' AND provider <> '' ORDER BY 1;

-- name: deliverability-delivery-rate-by-provider
-- Delivery rate by provider: Delivered over sent, every campaign of the tenant.
SELECT $__timeGroupAlias(bucket, $__interval),
       provider AS metric,
       sum(delivered)::float8 / nullif(sum(sent), 0) AS value
FROM insight_buckets_hourly
WHERE tenant_id = '$tenant' AND provider IN ($provider) AND $__timeFilter(bucket)
GROUP BY 1, 2
ORDER BY 1, 2;

-- name: deliverability-bounce-rate-by-provider
-- Bounce rate by provider: Hard, soft and policy bounces over sent.
SELECT $__timeGroupAlias(bucket, $__interval),
       provider AS metric,
       sum(bounced_hard + bounced_soft + blocked)::float8 / nullif(sum(sent), 0) AS value
FROM insight_buckets_hourly
WHERE tenant_id = '$tenant' AND provider IN ($provider) AND $__timeFilter(bucket)
GROUP BY 1, 2
ORDER BY 1, 2;

-- name: deliverability-deferral-rate-by-provider
-- Deferral rate by provider: Temporary (4xx) refusals over sent; a deferral is retried.
SELECT $__timeGroupAlias(bucket, $__interval),
       provider AS metric,
       sum(deferred)::float8 / nullif(sum(sent), 0) AS value
FROM insight_buckets_hourly
WHERE tenant_id = '$tenant' AND provider IN ($provider) AND $__timeFilter(bucket)
GROUP BY 1, 2
ORDER BY 1, 2;

-- name: deliverability-complaint-rate-by-provider
-- Complaint rate by provider: Spam complaints (ARF) over delivered.
SELECT $__timeGroupAlias(bucket, $__interval),
       provider AS metric,
       sum(complaints)::float8 / nullif(sum(delivered), 0) AS value
FROM insight_buckets_hourly
WHERE tenant_id = '$tenant' AND provider IN ($provider) AND $__timeFilter(bucket)
GROUP BY 1, 2
ORDER BY 1, 2;

-- name: deliverability-provider-summary
-- Provider summary: Every counter over the time range, per provider.
SELECT provider AS "provider",
       sum(sent) AS "sent",
       sum(delivered) AS "delivered",
       sum(deferred) AS "deferred",
       sum(bounced_hard) AS "hard bounces",
       sum(bounced_soft) AS "soft bounces",
       sum(blocked) AS "blocked",
       sum(complaints) AS "complaints",
       round(sum(delivered)::numeric / nullif(sum(sent), 0), 4) AS "delivery rate",
       round(sum(bounced_hard + bounced_soft + blocked)::numeric / nullif(sum(sent), 0), 4) AS "bounce rate",
       round(sum(complaints)::numeric / nullif(sum(delivered), 0), 5) AS "complaint rate"
FROM insight_buckets_hourly
WHERE tenant_id = '$tenant' AND provider IN ($provider) AND $__timeFilter(bucket)
GROUP BY 1
ORDER BY 2 DESC, 1;

-- name: deliverability-bounce-and-deferral-replies
-- Bounce and deferral replies: The exact SMTP replies behind bounces and deferrals, most frequent first, from the raw event archive.
SELECT provider AS "provider",
       type AS "event",
       smtp_code AS "code",
       enhanced_status AS "enhanced status",
       left(smtp_response, 240) AS "reply",
       count(*) AS "messages",
       max(occurred_at) AS "last seen"
FROM events
WHERE tenant_id = '$tenant'
  AND provider IN ($provider)
  AND type IN ('BOUNCED', 'DEFERRED')
  AND $__timeFilter(occurred_at)
GROUP BY 1, 2, 3, 4, 5
ORDER BY 6 DESC, 1
LIMIT 100;

-- ---------------------------------------------------------------------------------------------
-- Heron · IP reputation and warmup (charts/grafana/dashboards/ip-reputation-and-warmup.json)

-- name: ip-reputation-variable-ip
-- The choices of the $ip menu.
SELECT DISTINCT ip FROM ip_reputation_current UNION SELECT ip FROM warmup_schedules ORDER BY 1;

-- name: ip-reputation-variable-provider
-- The choices of the $provider menu.
SELECT DISTINCT provider FROM ip_reputation_current ORDER BY 1;

-- name: ip-reputation-score-by-ip-and-provider
-- Score by IP and provider: score = delivery − 10 × bounce − 100 × complaint over a rolling 24 h, shrunk toward a prior at low volume (Reputation job).
SELECT $__timeGroupAlias(computed_at, $__interval),
       ip || ' · ' || provider AS metric,
       avg(score) AS value
FROM ip_reputation
WHERE ip IN ($ip) AND provider IN ($provider) AND $__timeFilter(computed_at)
GROUP BY 1, 2
ORDER BY 1, 2;

-- name: ip-reputation-bounce-rate-by-ip-and-provider
-- Bounce rate by IP and provider: Rolling 24 h bounce rate of each snapshot.
SELECT $__timeGroupAlias(computed_at, $__interval),
       ip || ' · ' || provider AS metric,
       avg(bounce_rate) AS value
FROM ip_reputation
WHERE ip IN ($ip) AND provider IN ($provider) AND $__timeFilter(computed_at)
GROUP BY 1, 2
ORDER BY 1, 2;

-- name: ip-reputation-complaint-rate-by-ip-and-provider
-- Complaint rate by IP and provider: Rolling 24 h complaint rate of each snapshot.
SELECT $__timeGroupAlias(computed_at, $__interval),
       ip || ' · ' || provider AS metric,
       avg(complaint_rate) AS value
FROM ip_reputation
WHERE ip IN ($ip) AND provider IN ($provider) AND $__timeFilter(computed_at)
GROUP BY 1, 2
ORDER BY 1, 2;

-- name: ip-reputation-current-scores
-- Current scores: The latest snapshot per IP and provider (what the senders route by).
SELECT ip AS "ip",
       provider AS "provider",
       round(score::numeric, 4) AS "score",
       volume AS "volume",
       round(delivery_rate::numeric, 4) AS "delivery rate",
       round(bounce_rate::numeric, 4) AS "bounce rate",
       round(complaint_rate::numeric, 5) AS "complaint rate",
       round(deferral_rate::numeric, 4) AS "deferral rate",
       computed_at AS "computed at"
FROM ip_reputation_current
WHERE ip IN ($ip) AND provider IN ($provider)
ORDER BY score, ip, provider;

-- name: ip-reputation-warmup
-- Warmup: Each warming IP: its schedule day, today's cap and use, and whether the guardrails paused it and why.
SELECT w.ip AS "ip",
       w.schedule_day AS "day",
       w.daily_cap AS "daily cap",
       coalesce(u.sent, w.sent_today) AS "used today",
       round(coalesce(u.sent, w.sent_today)::numeric / nullif(w.daily_cap, 0), 4) AS "of cap",
       w.paused AS "paused",
       w.pause_reason AS "pause reason",
       w.paused_at AS "paused at",
       w.started_on AS "started on"
FROM warmup_schedules w
LEFT JOIN warmup_usage u ON u.ip = w.ip AND u.day = current_date
WHERE w.ip IN ($ip)
ORDER BY w.paused DESC, w.ip;

-- name: ip-reputation-messages-sent-per-ip
-- Messages sent per IP: SENT events per sending IP, from the raw event archive.
SELECT $__timeGroupAlias(occurred_at, $__interval, 0),
       sending_ip AS metric,
       count(*) AS value
FROM events
WHERE type = 'SENT' AND sending_ip IN ($ip) AND $__timeFilter(occurred_at)
GROUP BY 1, 2
ORDER BY 1, 2;
