-- The control API's run-time SQL. Parameters are positional (?); every query that reads or
-- changes a tenant's rows is scoped by tenant_id.

-- ---------------------------------------------------------------------------------------------
-- contacts

-- name: contact-insert
-- A new contact; the email is already lower-cased. Fails on a duplicate (tenant, email).
INSERT INTO contacts (tenant_id, email, first_name, last_name, phone, description, company,
                      time_zone, tags, attributes, consent, consent_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::jsonb, ?, now())
RETURNING *;

-- name: contact-by-id
-- One contact of a tenant.
SELECT * FROM contacts WHERE tenant_id = ? AND id = ?;

-- name: contact-ids-of-tenant
-- Which of the given contact ids belong to the tenant.
SELECT id FROM contacts WHERE tenant_id = ? AND id = ANY (?::uuid[]);

-- name: import-lock-tenant
-- What the tenant foreign key of contacts did per row, once per batch: the tenant cannot be
-- deleted while its contacts are being written (V19).
SELECT id FROM tenants WHERE id = ? FOR KEY SHARE;

-- name: import-memory
-- Enough memory to sort a batch by email without spilling to disk, for this transaction only.
SET LOCAL work_mem = '32MB';

-- name: import-staging
-- A batch of imported rows is copied (COPY FROM STDIN) into this table before one upsert reads
-- it; temporary and dropped at commit, so concurrent imports never see each other's rows.
CREATE TEMPORARY TABLE import_staging (
    email      text NOT NULL,
    first_name text,
    last_name  text,
    phone      text,
    company    text,
    time_zone  text,
    tags       text,
    attributes text
) ON COMMIT DROP;

-- name: import-staging-copy
-- The COPY that fills the staging table (text format: tab-separated, \N for null).
COPY import_staging (email, first_name, last_name, phone, company, time_zone, tags, attributes)
FROM STDIN;

-- name: contact-import-batch
-- Upserts the staged batch (tags joined with ';', attributes as JSON text; one row per email)
-- and adds the rows to a list when one is given. Empty cells keep what is stored, tags are
-- merged, attributes are merged key by key. Rows go in email order so that the unique index is
-- filled page by page. Returns inserted and updated counts.
WITH upserted AS (
    INSERT INTO contacts AS c (tenant_id, email, first_name, last_name, phone, company, time_zone,
                               tags, attributes)
    SELECT ?::uuid, email, first_name, last_name, phone, company, time_zone,
           CASE WHEN tags IS NULL OR tags = '' THEN '{}'::text[] ELSE string_to_array(tags, ';') END,
           coalesce(attributes, '{}')::jsonb
    FROM import_staging
    ORDER BY email
    ON CONFLICT (tenant_id, email) DO UPDATE SET
        first_name = coalesce(EXCLUDED.first_name, c.first_name),
        last_name  = coalesce(EXCLUDED.last_name, c.last_name),
        phone      = coalesce(EXCLUDED.phone, c.phone),
        company    = coalesce(EXCLUDED.company, c.company),
        time_zone  = coalesce(EXCLUDED.time_zone, c.time_zone),
        tags       = ARRAY(SELECT DISTINCT t FROM unnest(c.tags || EXCLUDED.tags) AS t ORDER BY t),
        attributes = c.attributes || EXCLUDED.attributes,
        updated_at = now()
    RETURNING c.id, (xmax = 0) AS inserted
), listed AS (
    INSERT INTO list_contacts (list_id, contact_id)
    SELECT ?::uuid, id FROM upserted WHERE ?::uuid IS NOT NULL
    ON CONFLICT DO NOTHING
)
SELECT count(*) FILTER (WHERE inserted) AS inserted,
       count(*) FILTER (WHERE NOT inserted) AS updated
FROM upserted;

-- ---------------------------------------------------------------------------------------------
-- contact imports

-- name: import-insert
-- Starts an import's progress record.
INSERT INTO contact_imports (tenant_id, list_id) VALUES (?, ?) RETURNING *;

-- name: import-progress
-- Adds one batch's counts to an import.
UPDATE contact_imports
SET rows_read = rows_read + ?, rows_inserted = rows_inserted + ?, rows_updated = rows_updated + ?,
    rows_failed = rows_failed + ?
WHERE id = ?;

-- name: import-finish
-- Ends an import: completed, or failed with the reason.
UPDATE contact_imports SET status = ?, failure = ?, finished_at = now() WHERE id = ?;

-- name: import-error-insert
-- A batch's row errors (parallel arrays), each with its line number in the file.
INSERT INTO contact_import_errors (import_id, line, field, reason)
SELECT ?::uuid, line, field, reason
FROM unnest(?::bigint[], ?::text[], ?::text[]) AS e(line, field, reason)
ON CONFLICT DO NOTHING;

-- name: import-by-id
-- One import of a tenant.
SELECT * FROM contact_imports WHERE tenant_id = ? AND id = ?;

-- name: import-errors
-- The first errors of an import, by line.
SELECT line, field, reason FROM contact_import_errors WHERE import_id = ?
ORDER BY line, reason LIMIT ?;

-- ---------------------------------------------------------------------------------------------
-- lists

-- name: list-insert
-- A new list: static (no filter) or dynamic (with its filter expression, already compiled once).
INSERT INTO lists (tenant_id, name, description, kind, filter) VALUES (?, ?, ?, ?, ?) RETURNING *;

-- name: list-by-id
-- One list of a tenant, with its member count.
SELECT l.*, (SELECT count(*) FROM list_contacts lc WHERE lc.list_id = l.id) AS members
FROM lists l WHERE l.tenant_id = ? AND l.id = ?;

-- name: list-by-name
-- One list of a tenant by its name, with its member count.
SELECT l.*, (SELECT count(*) FROM list_contacts lc WHERE lc.list_id = l.id) AS members
FROM lists l WHERE l.tenant_id = ? AND l.name = ?;

-- name: list-ids-of-tenant
-- Which of the given list ids belong to the tenant.
SELECT id FROM lists WHERE tenant_id = ? AND id = ANY (?::uuid[]);

-- name: list-add-members
-- Adds contacts (already checked to be the tenant's) to a static list.
INSERT INTO list_contacts (list_id, contact_id) SELECT ?, unnest(?::uuid[])
ON CONFLICT DO NOTHING;

-- ---------------------------------------------------------------------------------------------
-- audiences: a compiled condition on contacts c (lists and/or a filter) replaces /*filter*/

-- name: audience-lists
-- The kind and filter of each of the tenant's lists among the given ids.
SELECT id, kind, filter FROM lists WHERE tenant_id = ? AND id = ANY (?::uuid[]);

-- name: audience-count
-- How many of the tenant's contacts the audience condition selects.
SELECT count(*) FROM contacts c WHERE c.tenant_id = ? AND /*filter*/;

-- name: audience-sample
-- The newest of the tenant's contacts that the audience condition selects.
SELECT c.* FROM contacts c WHERE c.tenant_id = ? AND /*filter*/
ORDER BY c.created_at DESC, c.id LIMIT ?;

-- ---------------------------------------------------------------------------------------------
-- templates

-- name: template-insert
-- A new template at version 1.
INSERT INTO templates (tenant_id, name, channel, current_version) VALUES (?, ?, ?, 1)
RETURNING *;

-- name: template-version-insert
-- One version of a template's content.
INSERT INTO template_versions (template_id, version, replaces_version, status, subject, html_body,
                               text_body, media_url, variables)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::text[]);

-- name: template-by-id
-- A template of a tenant with its current version's content and its newest approved version.
SELECT t.id, t.tenant_id, t.name, t.channel, t.current_version, t.created_at, t.updated_at,
       v.status, v.replaces_version, v.subject, v.html_body, v.text_body, v.media_url, v.variables,
       (SELECT max(a.version) FROM template_versions a
        WHERE a.template_id = t.id AND a.status = 'approved') AS approved_version
FROM templates t
JOIN template_versions v ON v.template_id = t.id AND v.version = t.current_version
WHERE t.tenant_id = ? AND t.id = ?;

-- name: template-lock
-- A template's channel and current version, locked while a version is added.
SELECT id, channel, current_version FROM templates WHERE tenant_id = ? AND id = ? FOR UPDATE;

-- name: template-set-current
-- Makes a new version the template's current one.
UPDATE templates SET current_version = ?, updated_at = now() WHERE id = ?;

-- name: template-versions
-- Every version of a tenant's template, newest first.
SELECT v.* FROM template_versions v JOIN templates t ON t.id = v.template_id
WHERE t.tenant_id = ? AND t.id = ? ORDER BY v.version DESC;

-- name: template-version-lock
-- One version's approval status, locked for a transition.
SELECT v.status FROM template_versions v JOIN templates t ON t.id = v.template_id
WHERE t.tenant_id = ? AND v.template_id = ? AND v.version = ? FOR UPDATE OF v;

-- name: template-version-set-status
-- Moves one version to a new approval status.
UPDATE template_versions SET status = ?, status_changed_at = now()
WHERE template_id = ? AND version = ?;

-- ---------------------------------------------------------------------------------------------
-- campaigns

-- name: campaign-insert
-- A new draft campaign.
INSERT INTO campaigns (tenant_id, name, description, goal, message_class, channels, audience,
                       sender_identity_id, scheduled_at, send_window_start, send_window_end,
                       budget, warmup_enabled, send_time_optimization)
VALUES (?, ?, ?, ?, ?, ?::text[], ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
RETURNING id;

-- name: campaign-variant-insert
-- The template (and version) one variant of a campaign sends on one channel.
INSERT INTO campaign_variants (campaign_id, variant, channel, template_id, template_version,
                               split_percent)
VALUES (?, ?, ?, ?, ?, ?);

-- name: campaign-by-id
-- A campaign of a tenant.
SELECT c.* FROM campaigns c WHERE c.tenant_id = ? AND c.id = ?;

-- name: campaign-variants
-- A campaign's template version per variant and channel, in the order the campaign lists them.
SELECT v.variant, v.channel, v.template_id, v.template_version, v.split_percent
FROM campaign_variants v JOIN campaigns c ON c.id = v.campaign_id
WHERE v.campaign_id = ?
ORDER BY v.variant, array_position(c.channels, v.channel);

-- name: campaign-ab-test
-- A campaign's A/B test, if it has one.
SELECT * FROM ab_tests WHERE campaign_id = ?;

-- name: ab-test-insert
-- The A/B test of a new campaign with variants.
INSERT INTO ab_tests (tenant_id, campaign_id, metric, test_percent, window_hours)
VALUES (?, ?, ?, ?, ?);

-- name: ab-test-start-window
-- At launch, the test's window starts when the campaign does.
UPDATE ab_tests SET window_ends_at = ?::timestamptz + window_hours * interval '1 hour'
WHERE campaign_id = ? AND window_ends_at IS NULL;

-- name: campaign-pool
-- The IP pool a campaign's messages leave from: its identity's pool for its class.
SELECT CASE c.message_class WHEN 'marketing' THEN si.marketing_pool_id
                            ELSE si.transactional_pool_id END AS pool_id
FROM campaigns c JOIN sender_identities si ON si.id = c.sender_identity_id
WHERE c.id = ?;

-- name: campaigns-with-decided-tests
-- Campaigns whose A/B test is decided and that still hold recipients back for the winner.
SELECT k.tenant_id, k.id
FROM ab_tests t JOIN campaigns k ON k.id = t.campaign_id
WHERE t.status = 'decided' AND t.winner_variant IS NOT NULL
  AND k.status IN ('scheduled', 'running', 'paused')
  AND EXISTS (SELECT 1 FROM recipients r WHERE r.campaign_id = k.id AND r.status = 'held')
LIMIT 20;

-- name: campaign-drop-held
-- A cancelled campaign's held-back recipients are dropped too.
UPDATE recipients SET status = 'dropped', status_reason = 'campaign cancelled', updated_at = now()
WHERE campaign_id = ? AND status = 'held';

-- name: campaign-lock
-- A campaign's state, locked for a transition.
SELECT status, scheduled_at FROM campaigns WHERE tenant_id = ? AND id = ? FOR UPDATE;

-- name: campaign-set-status
-- Moves a campaign to a new state; launched_at and completed_at are set on the first launch and
-- on completion.
UPDATE campaigns
SET status = ?, updated_at = now(),
    launched_at = CASE WHEN ? AND launched_at IS NULL THEN now() ELSE launched_at END,
    completed_at = CASE WHEN ? THEN now() ELSE completed_at END
WHERE tenant_id = ? AND id = ?;

-- name: campaign-recipient-counts
-- How many of a campaign's recipients are in each status.
SELECT status, count(*) AS n FROM recipients WHERE campaign_id = ? GROUP BY status;

-- name: campaign-cancel-queue
-- A cancelled campaign's undispatched messages: marked dropped, which takes them off the queue.
UPDATE recipients SET status = 'dropped', status_reason = 'campaign cancelled', updated_at = now()
WHERE campaign_id = ? AND status = 'queued';

-- name: campaigns-start-scheduled
-- Scheduled campaigns whose time has come start running.
UPDATE campaigns SET status = 'running', updated_at = now(),
                     launched_at = coalesce(launched_at, now())
WHERE status = 'scheduled' AND scheduled_at <= now();

-- ---------------------------------------------------------------------------------------------
-- planning: each step works on the temporary table plan_audience of one transaction
-- (contact_id, address, variant, due_at, without_consent); see dev.heron.api.planning

-- name: plan-reset
-- Drops the previous channel's plan in the same transaction.
DROP TABLE IF EXISTS plan_audience;

-- name: plan-audience
-- Audience: each contact the audience condition selects, once, with its address on the channel
-- (email; phone for SMS and WhatsApp; the page-scoped ids in attributes for Facebook, Instagram).
CREATE TEMPORARY TABLE plan_audience ON COMMIT DROP AS
SELECT c.id AS contact_id,
       CASE ?::text WHEN 'email' THEN c.email
                    WHEN 'sms' THEN c.phone
                    WHEN 'whatsapp' THEN c.phone
                    WHEN 'facebook' THEN c.attributes ->> 'facebookPsid'
                    WHEN 'instagram' THEN c.attributes ->> 'instagramId' END AS address,
       NULL::text AS variant,
       ?::timestamptz AS due_at,
       c.opted_out OR c.consent <> 'granted' AS without_consent
FROM contacts c
WHERE c.tenant_id = ? AND /*filter*/;

-- name: plan-memory
-- A million-contact plan sorts and hashes its audience: enough memory for that to stay off disk,
-- for this transaction only.
SET LOCAL work_mem = '64MB';

-- name: plan-no-jit
-- The plan's statements are plain scans, joins and sorts of up to a million rows: PostgreSQL's JIT,
-- which their estimated cost switches on, spent 0.15-0.45 s compiling the audience query alone and
-- did not win it back. For this transaction only.
SET LOCAL jit = off;

-- name: plan-analyze
-- Statistics for the joins of the later steps.
ANALYZE plan_audience;

-- name: plan-size
-- How many contacts the plan holds now.
SELECT count(*) FROM plan_audience;

-- name: plan-drop-unreachable
-- Contacts with no address on the channel.
DELETE FROM plan_audience WHERE address IS NULL OR address = '';

-- name: plan-drop-duplicate-addresses
-- Contacts sharing one address (a family phone): the first contact keeps it.
DELETE FROM plan_audience a USING plan_audience b
WHERE a.address = b.address AND a.contact_id > b.contact_id;

-- name: plan-drop-already-planned
-- Contacts this campaign already planned on the channel (held-back ones stay: they may get the
-- winner now).
DELETE FROM plan_audience a USING recipients r
WHERE r.campaign_id = ? AND r.channel = ? AND r.contact_id = a.contact_id AND r.status <> 'held';

-- name: plan-drop-suppressed
-- Addresses on the tenant's suppression list for the channel: never sent, whatever the class.
DELETE FROM plan_audience a USING suppression_list s
WHERE s.tenant_id = ? AND s.channel = ? AND s.address = a.address;

-- name: plan-drop-without-consent
-- Marketing goes only to contacts who granted consent and have not opted out (read with the
-- audience, so that this step needs no second pass over the contacts).
DELETE FROM plan_audience WHERE without_consent;

-- name: plan-drop-frequency-capped
-- Contacts who already have the cap's number of marketing messages from other campaigns planned
-- in the period (held-back and dropped ones do not count).
DELETE FROM plan_audience a USING (
    SELECT r.contact_id
    FROM recipients r JOIN campaigns k ON k.id = r.campaign_id
    WHERE r.tenant_id = ? AND r.campaign_id <> ? AND k.message_class = 'marketing'
      AND r.status NOT IN ('dropped', 'held')
      AND r.planned_at > now() - ?::integer * interval '1 day'
    GROUP BY r.contact_id
    HAVING count(*) >= ?
) capped
WHERE capped.contact_id = a.contact_id;

-- name: plan-drop-same-template
-- Contacts another marketing campaign already sent (or queued) one of these templates to.
DELETE FROM plan_audience a USING recipients r
JOIN campaign_variants v ON v.campaign_id = r.campaign_id AND v.variant = r.variant
                        AND v.channel = r.channel
JOIN campaigns k ON k.id = r.campaign_id
WHERE r.tenant_id = ? AND r.campaign_id <> ? AND k.message_class = 'marketing'
  AND r.status NOT IN ('dropped', 'held') AND v.template_id = ANY (?::uuid[])
  AND r.contact_id = a.contact_id;

-- name: plan-split
-- A/B split: a deterministic bucket 0..9999 per campaign x contact; buckets below the test size
-- get a variant by the thresholds, the rest is held back ('') until the test is decided.
UPDATE plan_audience a
SET variant = CASE WHEN b.bucket < ? THEN (?::text[])[width_bucket(b.bucket, ?::integer[]) + 1]
                   ELSE '' END
FROM (SELECT contact_id, abs(hashtextextended(contact_id::text, ?) % 10000)::integer AS bucket
      FROM plan_audience) b
WHERE b.contact_id = a.contact_id;

-- name: plan-count-held
-- How many contacts the split held back.
SELECT count(*) FROM plan_audience WHERE variant = '';

-- name: plan-send-time
-- Send time: per contact, the best-ranked hour of its newest send-time model whose next
-- occurrence (in the contact's time zone, UTC when unknown) falls in [window start, window end).
WITH latest AS (
    SELECT p.contact_id, m.best_hours, coalesce(z.name, 'UTC') AS zone
    FROM plan_audience p
    JOIN contacts c ON c.id = p.contact_id
    LEFT JOIN (SELECT name FROM pg_timezone_names) z ON z.name = c.time_zone
    CROSS JOIN LATERAL (SELECT t.best_hours FROM contact_send_time t
                        WHERE t.tenant_id = ? AND t.contact_id = p.contact_id
                        ORDER BY t.computed_at DESC LIMIT 1) m
    WHERE p.variant IS DISTINCT FROM ''
), slots AS (
    SELECT DISTINCT ON (l.contact_id) l.contact_id, slot.at
    FROM latest l
    CROSS JOIN LATERAL unnest(l.best_hours) WITH ORDINALITY AS h(hour, rank)
    CROSS JOIN LATERAL (SELECT heron_next_hour_of_week(?::timestamptz, h.hour, l.zone) AS at) slot
    WHERE h.hour BETWEEN 0 AND 167 AND slot.at < ?::timestamptz
    ORDER BY l.contact_id, h.rank
)
UPDATE plan_audience a SET due_at = s.at FROM slots s WHERE s.contact_id = a.contact_id;

-- name: plan-warmup-ips
-- The active IPs of a pool with their warmup, if any (schedule null: not warming up).
SELECT i.ip, w.schedule::text AS schedule, w.schedule_day, w.paused,
       coalesce((SELECT u.sent FROM warmup_usage u WHERE u.ip = i.ip AND u.day = current_date),
                w.sent_today, 0) AS sent_today
FROM sending_ips i LEFT JOIN warmup_schedules w ON w.ip = i.ip
WHERE i.pool_id = ? AND i.active;

-- name: plan-warmup-queued
-- Messages already queued (undispatched) on the pool by other warmup campaigns, per day from today.
SELECT (q.due_at::date - current_date) AS day, count(*) AS n
FROM recipients q
JOIN campaigns k ON k.id = q.campaign_id
JOIN sender_identities si ON si.id = k.sender_identity_id
WHERE q.status = 'queued' AND k.warmup_enabled AND q.campaign_id <> ?
  AND (CASE k.message_class WHEN 'marketing' THEN si.marketing_pool_id
                            ELSE si.transactional_pool_id END) = ?
GROUP BY 1;

-- name: plan-warmup-spread
-- Warmup: contacts ranked most engaged first (opened in the last 90 days, most recent first) fill
-- the days' capacities in order; a contact on day k is due no earlier than the start of that day.
-- The thresholds are the cumulative capacities; contacts past the last one are marked for removal.
UPDATE plan_audience a
SET due_at = CASE WHEN r.day < ? THEN greatest(a.due_at, date_trunc('day', now()) + r.day * interval '1 day')
             END
FROM (SELECT p.contact_id,
             width_bucket(row_number() OVER (ORDER BY (c.last_opened_at > now() - interval '90 days')
                                                      IS TRUE DESC,
                                                  c.last_opened_at DESC NULLS LAST, p.contact_id),
                          ?::bigint[]) AS day
      FROM plan_audience p JOIN contacts c ON c.id = p.contact_id
      WHERE p.variant IS DISTINCT FROM '') r
WHERE r.contact_id = a.contact_id;

-- name: plan-warmup-drop-beyond
-- Contacts the warmup horizon has no room for: a later re-plan takes them.
DELETE FROM plan_audience WHERE due_at IS NULL;

-- name: plan-queue-held
-- Contacts with a recipient already (held back for the A/B test: plan-drop-already-planned took the
-- others) leave the plan; those planned now with a variant (the winner) have their recipients
-- queued at the due time, keeping their message ids. Returns how many were queued.
WITH held AS (
    DELETE FROM plan_audience a USING recipients r
    WHERE r.campaign_id = ? AND r.channel = ? AND r.contact_id = a.contact_id
    RETURNING r.id, a.variant, a.address, a.due_at
), queued AS (
    UPDATE recipients r
    SET variant = h.variant, status = 'queued', address = h.address, due_at = h.due_at,
        updated_at = now()
    FROM held h
    WHERE r.id = h.id AND r.status = 'held' AND h.variant <> ''
    RETURNING 1
)
SELECT count(*) FROM queued;

-- name: plan-write
-- One new recipient per contact left: queued at its due time, or held back ('' variant, no due
-- time) for the A/B winner. A plain insert: the steps before left only contacts without a
-- recipient, and the campaign's lock keeps another plan of it out. Rows go in contact order so
-- that the indexes on contact_id are filled page by page; the time-ordered ids (V17), made after
-- the sort, keep the primary key in order too. A planned message's id is its recipient's id: one
-- id made per row instead of two (a million ids cost about 0.6 s).
INSERT INTO recipients (id, message_id, tenant_id, campaign_id, contact_id, channel, variant,
                        address, status, due_at)
SELECT s.id, s.id, ?, ?, s.contact_id, ?, coalesce(s.variant, ?), s.address,
       CASE WHEN s.variant = '' THEN 'held' ELSE 'queued' END,
       CASE WHEN s.variant = '' THEN NULL ELSE s.due_at END
FROM (SELECT heron_uuid_v7() AS id, a.contact_id, a.variant, a.address, a.due_at
      FROM plan_audience a
      ORDER BY a.contact_id) s;

-- name: plan-count-new
-- How many of the new recipients the plan wrote are queued rather than held back.
SELECT count(*) FILTER (WHERE variant IS DISTINCT FROM '') AS queued FROM plan_audience;

-- name: tenant-settings
-- A tenant's settings JSON.
SELECT settings::text AS settings FROM tenants WHERE id = ?;

-- name: tenant-set-frequency-cap
-- Stores a tenant's frequency cap in its settings.
UPDATE tenants SET settings = jsonb_set(settings, '{frequencyCap}', ?::jsonb) WHERE id = ?;

-- ---------------------------------------------------------------------------------------------
-- dispatch

-- name: dispatch-due
-- A batch of due, undispatched messages of running campaigns, locked so that other dispatchers
-- skip them, with everything a SendRequest needs.
SELECT r.id AS recipient_id, r.message_id, r.tenant_id, r.campaign_id, r.contact_id, r.channel,
       r.variant, r.address,
       (jsonb_strip_nulls(jsonb_build_object(
            'email', ct.email, 'firstName', ct.first_name, 'lastName', ct.last_name,
            'phone', ct.phone, 'company', ct.company, 'timeZone', ct.time_zone))
        || jsonb_build_object(
            'tags', to_jsonb(ct.tags), 'attributes', ct.attributes, 'custom', r.variables,
            'campaign', jsonb_strip_nulls(jsonb_build_object('id', c.id, 'name', c.name,
                                                             'goal', c.goal))))::text AS variables,
       c.message_class,
       si.domain AS sender_domain, si.from_address, si.from_name,
       v.template_id, v.template_version
FROM recipients r
JOIN campaigns c ON c.id = r.campaign_id
JOIN contacts ct ON ct.id = r.contact_id
JOIN campaign_variants v ON v.campaign_id = r.campaign_id AND v.variant = r.variant
                        AND v.channel = r.channel
LEFT JOIN sender_identities si ON si.id = c.sender_identity_id
WHERE r.status = 'queued' AND r.due_at <= now() AND c.status = 'running'
ORDER BY r.due_at
LIMIT ?
FOR UPDATE OF r SKIP LOCKED;

-- name: dispatch-mark
-- The batch is on heron.sends: its recipients leave the queue, dispatched.
UPDATE recipients SET status = 'dispatched', dispatched_at = now(), updated_at = now()
WHERE id = ANY (?::uuid[]);

-- ---------------------------------------------------------------------------------------------
-- insights: each reads one campaign's hourly buckets in [from, to) and sums them per group

-- name: insights-by-hour
-- Per hour.
SELECT bucket AS grp, sum(sent) AS sent, sum(delivered) AS delivered, sum(deferred) AS deferred,
       sum(bounced_hard) AS bounced_hard, sum(bounced_soft) AS bounced_soft,
       sum(blocked) AS blocked, sum(failed) AS failed, sum(dropped) AS dropped,
       sum(opens_total) AS opens_total, sum(opens_unique) AS opens_unique,
       sum(opens_machine) AS opens_machine, sum(clicks_total) AS clicks_total,
       sum(clicks_unique) AS clicks_unique, sum(replies) AS replies,
       sum(unsubscribes) AS unsubscribes, sum(complaints) AS complaints,
       sum(conversions) AS conversions, sum(conversion_value) AS conversion_value
FROM insight_buckets_hourly
WHERE tenant_id = ? AND campaign_id = ? AND bucket >= ? AND bucket < ?
GROUP BY 1 ORDER BY 1;

-- name: insights-by-day
-- Per UTC day.
SELECT time_bucket('1 day', bucket) AS grp, sum(sent) AS sent, sum(delivered) AS delivered,
       sum(deferred) AS deferred, sum(bounced_hard) AS bounced_hard,
       sum(bounced_soft) AS bounced_soft, sum(blocked) AS blocked, sum(failed) AS failed,
       sum(dropped) AS dropped, sum(opens_total) AS opens_total,
       sum(opens_unique) AS opens_unique, sum(opens_machine) AS opens_machine,
       sum(clicks_total) AS clicks_total, sum(clicks_unique) AS clicks_unique,
       sum(replies) AS replies, sum(unsubscribes) AS unsubscribes, sum(complaints) AS complaints,
       sum(conversions) AS conversions, sum(conversion_value) AS conversion_value
FROM insight_buckets_hourly
WHERE tenant_id = ? AND campaign_id = ? AND bucket >= ? AND bucket < ?
GROUP BY 1 ORDER BY 1;

-- name: insights-by-provider
-- Per recipient mailbox provider.
SELECT provider AS grp, sum(sent) AS sent, sum(delivered) AS delivered, sum(deferred) AS deferred,
       sum(bounced_hard) AS bounced_hard, sum(bounced_soft) AS bounced_soft,
       sum(blocked) AS blocked, sum(failed) AS failed, sum(dropped) AS dropped,
       sum(opens_total) AS opens_total, sum(opens_unique) AS opens_unique,
       sum(opens_machine) AS opens_machine, sum(clicks_total) AS clicks_total,
       sum(clicks_unique) AS clicks_unique, sum(replies) AS replies,
       sum(unsubscribes) AS unsubscribes, sum(complaints) AS complaints,
       sum(conversions) AS conversions, sum(conversion_value) AS conversion_value
FROM insight_buckets_hourly
WHERE tenant_id = ? AND campaign_id = ? AND bucket >= ? AND bucket < ?
GROUP BY 1 ORDER BY 1;

-- name: insights-by-identity
-- Per sender identity (from-domain).
SELECT sender_identity AS grp, sum(sent) AS sent, sum(delivered) AS delivered,
       sum(deferred) AS deferred, sum(bounced_hard) AS bounced_hard,
       sum(bounced_soft) AS bounced_soft, sum(blocked) AS blocked, sum(failed) AS failed,
       sum(dropped) AS dropped, sum(opens_total) AS opens_total,
       sum(opens_unique) AS opens_unique, sum(opens_machine) AS opens_machine,
       sum(clicks_total) AS clicks_total, sum(clicks_unique) AS clicks_unique,
       sum(replies) AS replies, sum(unsubscribes) AS unsubscribes, sum(complaints) AS complaints,
       sum(conversions) AS conversions, sum(conversion_value) AS conversion_value
FROM insight_buckets_hourly
WHERE tenant_id = ? AND campaign_id = ? AND bucket >= ? AND bucket < ?
GROUP BY 1 ORDER BY 1;

-- name: insights-by-variant
-- Per A/B variant.
SELECT variant AS grp, sum(sent) AS sent, sum(delivered) AS delivered, sum(deferred) AS deferred,
       sum(bounced_hard) AS bounced_hard, sum(bounced_soft) AS bounced_soft,
       sum(blocked) AS blocked, sum(failed) AS failed, sum(dropped) AS dropped,
       sum(opens_total) AS opens_total, sum(opens_unique) AS opens_unique,
       sum(opens_machine) AS opens_machine, sum(clicks_total) AS clicks_total,
       sum(clicks_unique) AS clicks_unique, sum(replies) AS replies,
       sum(unsubscribes) AS unsubscribes, sum(complaints) AS complaints,
       sum(conversions) AS conversions, sum(conversion_value) AS conversion_value
FROM insight_buckets_hourly
WHERE tenant_id = ? AND campaign_id = ? AND bucket >= ? AND bucket < ?
GROUP BY 1 ORDER BY 1;

-- name: campaign-exists
-- Whether a campaign belongs to the tenant.
SELECT 1 FROM campaigns WHERE tenant_id = ? AND id = ?;

-- ---------------------------------------------------------------------------------------------
-- listings and updates

-- name: contact-page
-- A page of a tenant's contacts, newest first, optionally only one email.
SELECT * FROM contacts
WHERE tenant_id = ? AND (?::text IS NULL OR email = ?::text)
ORDER BY created_at DESC, id LIMIT ? OFFSET ?;

-- name: contact-update
-- Changes the given fields of a contact (a null leaves a field as it is); attributes are merged
-- key by key; opting out or withdrawing consent records when.
UPDATE contacts SET
    first_name  = coalesce(?, first_name),
    last_name   = coalesce(?, last_name),
    phone       = coalesce(?, phone),
    description = coalesce(?, description),
    company     = coalesce(?, company),
    time_zone   = coalesce(?, time_zone),
    tags        = coalesce(?::text[], tags),
    attributes  = attributes || coalesce(?::jsonb, '{}'::jsonb),
    consent     = coalesce(?, consent),
    consent_at  = CASE WHEN ?::text IS NOT NULL AND ?::text <> consent THEN now() ELSE consent_at END,
    opted_out   = coalesce(?, opted_out),
    opted_out_at = CASE WHEN ?::boolean AND NOT opted_out THEN now()
                        WHEN ?::boolean = false THEN NULL ELSE opted_out_at END,
    updated_at  = now()
WHERE tenant_id = ? AND id = ?
RETURNING *;

-- name: list-page
-- A tenant's lists by name, with their member counts.
SELECT l.*, (SELECT count(*) FROM list_contacts lc WHERE lc.list_id = l.id) AS members
FROM lists l WHERE l.tenant_id = ? ORDER BY l.name LIMIT ? OFFSET ?;

-- name: template-page
-- A tenant's templates by name, with their current version.
SELECT t.id, t.tenant_id, t.name, t.channel, t.current_version, t.created_at, t.updated_at,
       v.status, v.replaces_version, v.subject, v.html_body, v.text_body, v.media_url, v.variables,
       (SELECT max(a.version) FROM template_versions a
        WHERE a.template_id = t.id AND a.status = 'approved') AS approved_version
FROM templates t
JOIN template_versions v ON v.template_id = t.id AND v.version = t.current_version
WHERE t.tenant_id = ? ORDER BY t.name, t.channel LIMIT ? OFFSET ?;

-- name: campaign-ids-page
-- A page of a tenant's campaign ids, newest first.
SELECT id FROM campaigns WHERE tenant_id = ? ORDER BY created_at DESC, id LIMIT ? OFFSET ?;
