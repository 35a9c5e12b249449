-- Run-time SQL of the senders (dev.heron.senders.store).

-- name: claim-message
-- Takes the durable claim on a message before it is sent, with a watchdog retry due after a lease
-- (in seconds): should this sender die before the outcome, another sender tries the message then.
-- No row returned means the message was already claimed.
WITH claimed AS (
    INSERT INTO message_claims (message_id, tenant_id, claimed_by, sender_identity)
    VALUES (?, ?, ?, ?)
    ON CONFLICT (message_id) DO NOTHING
    RETURNING message_id, tenant_id
)
INSERT INTO message_retries (message_id, tenant_id, request, attempt, due_at, first_attempt_at)
SELECT message_id, tenant_id, ?::jsonb, 1, now() + make_interval(secs => ?), now()
  FROM claimed
RETURNING message_id;

-- name: refusal
-- Why a recipient must not get a message: a tenant-wide suppression, or (marketing) an opt-out.
SELECT 'suppressed: ' || reason AS refusal
  FROM suppression_list
 WHERE tenant_id = ? AND channel = ? AND address = ?
UNION ALL
SELECT CASE WHEN opted_out THEN 'contact opted out' ELSE 'contact withdrew consent' END
  FROM contacts
 WHERE id = ? AND tenant_id = ? AND (opted_out OR consent = 'withdrawn') AND ? = 'marketing'
LIMIT 1;

-- name: record-link
-- Keeps the original URL of one rewritten link of a message.
INSERT INTO message_links (message_id, link_index, url)
VALUES (?, ?, ?)
ON CONFLICT (message_id, link_index) DO NOTHING;

-- name: record-outcome
-- Completes a claim with the final outcome of its message, ending any retries it had pending.
WITH retry_done AS (DELETE FROM message_retries WHERE message_id = ?)
UPDATE message_claims
   SET outcome = ?, outcome_at = ?, sent_at = ?, attempts = ?, sending_ip = ?, provider = ?,
       sender_identity = coalesce(?, sender_identity), smtp_response = ?, bounce_class = ?,
       smtp_code = ?, enhanced_status = ?, reason = ?
 WHERE message_id = ?;

-- name: claim-completion
-- The final outcome recorded on a message's claim, for re-emitting its events on a replay.
SELECT outcome, outcome_at, sent_at, attempts, sending_ip, provider, smtp_response, bounce_class,
       smtp_code, enhanced_status, reason
  FROM message_claims
 WHERE message_id = ? AND outcome IS NOT NULL;

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
RETURNING request, attempt, first_attempt_at, sent_at, sending_ip;

-- name: renew-leases
-- Pushes the watchdog retries of a live sender's messages in flight one lease (seconds) further,
-- matching each message's try so that a retry already put back in line keeps its own time.
UPDATE message_retries r
   SET due_at = now() + make_interval(secs => ?)
  FROM unnest(?::uuid[], ?::integer[]) AS f(message_id, attempt)
 WHERE r.message_id = f.message_id AND r.attempt = f.attempt;
