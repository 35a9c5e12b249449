-- Run-time SQL of the senders (dev.heron.senders.store).

-- name: claim-messages
-- Takes the durable claims on a batch of messages (ids, tenants, identities, requests as JSON)
-- before they are sent, each with a watchdog retry due after a lease (in seconds): should this
-- sender die before an outcome, another sender tries the message then. Returns the messages
-- claimed now; the others were claimed before.
WITH wanted AS (
    SELECT DISTINCT ON (message_id) *
      FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[])
           AS w(message_id, tenant_id, sender_identity, request)
), claimed AS (
    INSERT INTO message_claims (message_id, tenant_id, claimed_by, sender_identity)
    SELECT message_id, tenant_id, ?, sender_identity FROM wanted
    ON CONFLICT (message_id) DO NOTHING
    RETURNING message_id, tenant_id
)
INSERT INTO message_retries (message_id, tenant_id, request, attempt, due_at, first_attempt_at)
SELECT c.message_id, c.tenant_id, w.request::jsonb, 1, now() + make_interval(secs => ?), now()
  FROM claimed c
  JOIN wanted w USING (message_id)
RETURNING message_id;

-- name: refusals
-- Why recipients must not get their messages (ids, tenants, channels, addresses, contacts, message
-- classes): a tenant-wide suppression first, else (marketing) an opt-out. No row: no refusal.
SELECT DISTINCT ON (w.message_id) w.message_id, r.refusal
  FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::text[])
       AS w(message_id, tenant_id, channel, address, contact_id, message_class)
 CROSS JOIN LATERAL (
       SELECT 1 AS rank, 'suppressed: ' || s.reason AS refusal
         FROM suppression_list s
        WHERE s.tenant_id = w.tenant_id AND s.channel = w.channel AND s.address = w.address
       UNION ALL
       SELECT 2, CASE WHEN c.opted_out THEN 'contact opted out' ELSE 'contact withdrew consent' END
         FROM contacts c
        WHERE c.id = w.contact_id AND c.tenant_id = w.tenant_id
          AND (c.opted_out OR c.consent = 'withdrawn') AND w.message_class = 'marketing'
       ) r
 ORDER BY w.message_id, r.rank;

-- name: record-links
-- Keeps the original URLs of the rewritten links of a batch of messages (ids, indexes, URLs).
INSERT INTO message_links (message_id, link_index, url)
SELECT * FROM unnest(?::uuid[], ?::integer[], ?::text[])
ON CONFLICT (message_id, link_index) DO NOTHING;

-- name: record-outcomes
-- Completes the claims of a batch of messages with their final outcomes, ending any retries they
-- had pending. One array per column, in the order of the unnest below.
WITH done AS (
    SELECT *
      FROM unnest(?::uuid[], ?::text[], ?::text[]::timestamptz[], ?::text[]::timestamptz[],
                  ?::integer[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                  ?::integer[], ?::text[], ?::text[])
           AS d(message_id, outcome, outcome_at, sent_at, attempts, sending_ip, provider,
                sender_identity, smtp_response, bounce_class, smtp_code, enhanced_status, reason)
), retry_done AS (
    -- Rows locked in message id order, as renew-leases locks them, so the two cannot deadlock.
    DELETE FROM message_retries r
     WHERE r.message_id IN (SELECT message_id FROM message_retries
                             WHERE message_id IN (SELECT message_id FROM done)
                             ORDER BY message_id
                               FOR UPDATE)
)
UPDATE message_claims c
   SET outcome = d.outcome, outcome_at = d.outcome_at, sent_at = d.sent_at,
       attempts = d.attempts, sending_ip = d.sending_ip, provider = d.provider,
       sender_identity = coalesce(d.sender_identity, c.sender_identity),
       smtp_response = d.smtp_response, bounce_class = d.bounce_class, smtp_code = d.smtp_code,
       enhanced_status = d.enhanced_status, reason = d.reason
  FROM done d
 WHERE c.message_id = d.message_id;

-- name: claim-completions
-- The final outcomes recorded on the claims of some messages, for re-emitting their events on a
-- replay.
SELECT message_id, outcome, outcome_at, sent_at, attempts, sending_ip, provider, smtp_response,
       bounce_class, smtp_code, enhanced_status, reason
  FROM message_claims
 WHERE message_id = ANY (?::uuid[]) AND outcome IS NOT NULL;

-- name: template-version
-- One template version's content; a version of 0 or less means the template's current version.
SELECT v.template_id, v.version, t.channel, v.subject, v.html_body, v.text_body
  FROM template_versions v
  JOIN templates t ON t.id = v.template_id
 WHERE v.template_id = ?
   AND v.version = CASE WHEN ? > 0 THEN ? ELSE t.current_version END;

-- name: active-sending-ips
-- The sending IPs in service, with the name each greets with.
SELECT ip, helo_name FROM sending_ips WHERE active ORDER BY ip;

-- name: message-facts
-- A sent message as a late report's events describe it: its claim and its recipient row.
SELECT c.tenant_id, r.campaign_id, r.id AS recipient_id, r.contact_id, r.channel, r.variant,
       c.sending_ip, c.provider, c.sender_identity
  FROM message_claims c
  LEFT JOIN recipients r ON r.message_id = c.message_id
 WHERE c.message_id = ?;

-- name: keep-unreadable-report
-- Keeps a late report that could not be used, with the reason.
INSERT INTO unparsed_reports (kind, reason, raw) VALUES (?, ?, ?);

-- name: dkim-key
-- The DKIM selector and PKCS#8 PEM private key of a tenant's sender identity (domain).
SELECT dkim_selector, dkim_private_key
  FROM sender_identities
 WHERE tenant_id = ? AND lower(domain) = ?;

-- name: take-warmup-slot
-- Counts one message against an IP's cap for a day; no row returned means the cap is used up.
INSERT INTO warmup_usage AS u (ip, day, sent) VALUES (?, ?, 1)
ON CONFLICT (ip, day) DO UPDATE SET sent = u.sent + 1 WHERE u.sent < ?
RETURNING sent;

-- name: identity-pool-ips
-- The active IPs of the pool a sender identity uses for a class of traffic (marketing or
-- transactional).
SELECT s.ip, s.helo_name
  FROM sender_identities i
  JOIN sending_ips s
    ON s.pool_id = CASE WHEN ? = 'transactional' THEN i.transactional_pool_id
                        ELSE i.marketing_pool_id END
 WHERE i.tenant_id = ? AND lower(i.domain) = ? AND s.active
 ORDER BY s.ip;

-- name: schedule-retry
-- Puts a deferred message (again) in line for its next try.
INSERT INTO message_retries
       (message_id, tenant_id, request, attempt, due_at, first_attempt_at, sent_at, sending_ip)
VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?)
ON CONFLICT (message_id) DO UPDATE
   SET attempt = EXCLUDED.attempt, due_at = EXCLUDED.due_at, sent_at = EXCLUDED.sent_at,
       sending_ip = EXCLUDED.sending_ip;

-- name: take-due-retries
-- Takes up to N due retries of the tenants in scope (all when the array is empty), leasing them
-- for some seconds so that another sender does not take them too.
UPDATE message_retries
   SET due_at = now() + make_interval(secs => ?)
 WHERE message_id IN (SELECT message_id
                        FROM message_retries
                       WHERE due_at <= now()
                         AND (cardinality(?::uuid[]) = 0 OR tenant_id = ANY (?::uuid[]))
                       ORDER BY due_at
                       LIMIT ?
                         FOR UPDATE SKIP LOCKED)
RETURNING message_id, tenant_id, request, attempt, first_attempt_at, sent_at, sending_ip;

-- name: renew-leases
-- Pushes the watchdog retries of a live sender's messages in flight one lease (seconds) further,
-- matching each message's try so that a retry already put back in line keeps its own time.
-- Rows are locked in message id order, as record-outcomes locks them, so the two cannot deadlock.
WITH held AS (
    SELECT r.message_id
      FROM message_retries r
      JOIN unnest(?::uuid[], ?::integer[]) AS f(message_id, attempt)
        ON r.message_id = f.message_id AND r.attempt = f.attempt
     ORDER BY r.message_id
       FOR UPDATE OF r
)
UPDATE message_retries r
   SET due_at = now() + make_interval(secs => ?)
  FROM held h
 WHERE r.message_id = h.message_id;

-- name: set-apart-retries
-- Ends deferred retries that cannot be made (ids, tenants, reasons; then the sender): out of the
-- line, their claims completed as FAILED with the reason unless an outcome is recorded (a claim is
-- made if none); returns the messages failed now, with their recipient rows' facts for the events.
WITH apart AS (
    SELECT DISTINCT ON (message_id) *
      FROM unnest(?::uuid[], ?::uuid[], ?::text[]) AS a(message_id, tenant_id, reason)
), gone AS (
    -- Rows locked in message id order, as record-outcomes and renew-leases lock them.
    DELETE FROM message_retries r
     WHERE r.message_id IN (SELECT message_id FROM message_retries
                             WHERE message_id IN (SELECT message_id FROM apart)
                             ORDER BY message_id
                               FOR UPDATE)
), failed AS (
    INSERT INTO message_claims (message_id, tenant_id, claimed_by, outcome, outcome_at, reason)
    SELECT message_id, tenant_id, ?, 'FAILED', now(), reason FROM apart
    ON CONFLICT (message_id) DO UPDATE
       SET outcome = EXCLUDED.outcome, outcome_at = EXCLUDED.outcome_at, reason = EXCLUDED.reason
     WHERE message_claims.outcome IS NULL
    RETURNING message_id, tenant_id, outcome_at
)
SELECT f.message_id, f.tenant_id, f.outcome_at, r.campaign_id, r.id AS recipient_id, r.contact_id,
       r.channel, r.variant
  FROM failed f
  LEFT JOIN recipients r ON r.message_id = f.message_id;
