-- Outbound webhooks: tenants' subscriptions, the deliveries fanned out from heron.events, and the
-- delivery worker's claims and outcomes.

-- name: webhook-insert
-- A new subscription.
INSERT INTO webhook_subscriptions (tenant_id, url, secret, event_types)
VALUES (?, ?, ?, ?::text[])
RETURNING id, url, event_types, active, created_at;

-- name: webhook-by-id
-- One live subscription of a tenant.
SELECT id, url, event_types, active, created_at
FROM webhook_subscriptions
WHERE tenant_id = ? AND id = ? AND active;

-- name: webhook-list
-- A tenant's live subscriptions, oldest first.
SELECT id, url, event_types, active, created_at
FROM webhook_subscriptions
WHERE tenant_id = ? AND active
ORDER BY created_at, id;

-- name: webhook-deactivate
-- Deletes a subscription: it stops receiving; its delivery log is kept.
UPDATE webhook_subscriptions SET active = false WHERE tenant_id = ? AND id = ? AND active;

-- name: webhook-abandon-pending
-- The pending deliveries of a deleted subscription will not be tried again.
UPDATE webhook_deliveries
SET status = 'failed', last_error = 'subscription deleted', next_attempt_at = now()
WHERE subscription_id = ? AND status = 'pending';

-- name: webhook-deliveries
-- A page of one subscription's delivery log, newest first.
SELECT id, event_id, event_type, status, attempts, last_status_code, last_error, created_at,
       last_attempt_at, next_attempt_at, delivered_at
FROM webhook_deliveries
WHERE subscription_id = ?
ORDER BY id DESC
LIMIT ? OFFSET ?;

-- name: webhook-subscriptions-of-tenant
-- What the fan-out matches an event against: a tenant's live subscriptions.
SELECT id, event_types, created_at FROM webhook_subscriptions WHERE tenant_id = ? AND active;

-- name: webhook-delivery-insert
-- One event to deliver to one subscription; an event seen again (a replay) is not added twice.
INSERT INTO webhook_deliveries (subscription_id, event_id, event_type, payload)
VALUES (?, ?, ?, ?)
ON CONFLICT (subscription_id, event_id) DO NOTHING;

-- name: webhook-claim-due
-- Claims due deliveries for one attempt: they are leased until the given time so that no other
-- worker takes them meanwhile; a worker that dies leaves them to be retried after the lease.
WITH due AS (
    SELECT d.id
    FROM webhook_deliveries d
    WHERE d.status = 'pending' AND d.next_attempt_at <= now()
    ORDER BY d.next_attempt_at
    LIMIT ?
    FOR UPDATE SKIP LOCKED
)
UPDATE webhook_deliveries d
SET next_attempt_at = ?
FROM due, webhook_subscriptions s
WHERE d.id = due.id AND s.id = d.subscription_id
RETURNING d.id, d.subscription_id, d.event_id, d.event_type, d.payload, d.attempts, s.url, s.secret;

-- name: webhook-delivered
-- A delivery the receiver acknowledged.
UPDATE webhook_deliveries
SET status = 'delivered', attempts = attempts + 1, last_status_code = ?, last_error = NULL,
    last_attempt_at = now(), delivered_at = now()
WHERE id = ?;

-- name: webhook-attempt-failed
-- A failed attempt: tried again at the given time, or given up ('failed') after the last one.
UPDATE webhook_deliveries
SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?,
    last_attempt_at = now(), next_attempt_at = ?
WHERE id = ?;
