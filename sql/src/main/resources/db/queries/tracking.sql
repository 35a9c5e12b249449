-- The tracking endpoints' SQL: the messages that opens and clicks describe, the recorded links a
-- click may redirect to, and the effects of a one-click unsubscribe.

-- name: tracking-message
-- What an engagement event about a message needs: its recipient row and the senders' claim.
SELECT r.id AS recipient_id, r.tenant_id, r.campaign_id, r.contact_id, r.channel, r.variant,
       r.address, m.sending_ip, m.provider, m.sender_identity
FROM recipients r
LEFT JOIN message_claims m ON m.message_id = r.message_id
WHERE r.message_id = ?;

-- name: tracking-messages
-- The same, for a batch of messages at once (opens are recorded in batches).
SELECT r.message_id, r.id AS recipient_id, r.tenant_id, r.campaign_id, r.contact_id, r.channel,
       r.variant, r.address, m.sending_ip, m.provider, m.sender_identity
FROM recipients r
LEFT JOIN message_claims m ON m.message_id = r.message_id
WHERE r.message_id = ANY(?::uuid[]);

-- name: tracking-link
-- The URL recorded for one link of a sent message.
SELECT url FROM message_links WHERE message_id = ? AND link_index = ?;

-- name: tracking-suppress
-- An unsubscribe: the address is suppressed tenant-wide for the channel.
INSERT INTO suppression_list (tenant_id, channel, address, reason, source_event_id, detail)
VALUES (?, ?, ?, 'unsubscribe', ?, ?)
ON CONFLICT (tenant_id, channel, address) DO NOTHING;

-- name: tracking-opt-out
-- An unsubscribe: the contact opts out of marketing.
UPDATE contacts SET opted_out = true, opted_out_at = coalesce(opted_out_at, now()),
                    updated_at = now()
WHERE tenant_id = ? AND id = ?;
