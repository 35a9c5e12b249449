-- Inbound callbacks from providers: their per-tenant secrets, the messages they report on, and the
-- callbacks that could not be read.

-- name: callback-secret-upsert
-- Sets a tenant's secret (and verify token) for one provider.
INSERT INTO callback_secrets (tenant_id, provider, secret, verify_token)
VALUES (?, ?, ?, ?)
ON CONFLICT (tenant_id, provider) DO UPDATE
SET secret = EXCLUDED.secret, verify_token = EXCLUDED.verify_token, updated_at = now()
RETURNING provider, verify_token IS NOT NULL AS has_verify_token, updated_at;

-- name: callback-secret
-- A tenant's secret and verify token for one provider.
SELECT secret, verify_token FROM callback_secrets WHERE tenant_id = ? AND provider = ?;

-- name: callback-secrets
-- The providers a tenant has configured, without their secrets.
SELECT provider, verify_token IS NOT NULL AS has_verify_token, updated_at
FROM callback_secrets WHERE tenant_id = ? ORDER BY provider;

-- name: callback-message-by-provider-id
-- Our message id for a provider's message id, within one tenant.
SELECT message_id FROM provider_messages
WHERE provider = ? AND provider_message_id = ? AND tenant_id = ?;

-- name: callback-message-of-tenant
-- Whether one of our message ids belongs to the tenant.
SELECT message_id FROM recipients WHERE message_id = ? AND tenant_id = ?;

-- name: callback-unparsed
-- Keeps a callback that could not be read, or that names no message of ours, with the reason.
INSERT INTO unparsed_reports (kind, reason, raw, tenant_id) VALUES (?, ?, ?, ?);
