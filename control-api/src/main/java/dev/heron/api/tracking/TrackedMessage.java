package dev.heron.api.tracking;

import dev.heron.api.db.Rows;
import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * A sent message as the tracking endpoints see it: its recipient row and what the senders recorded
 * in their claim (sending IP, provider, identity), enough to describe any engagement with it.
 */
public record TrackedMessage(
    UUID messageId,
    UUID recipientId,
    UUID tenantId,
    UUID campaignId,
    UUID contactId,
    Channel channel,
    String variant,
    String address,
    String sendingIp,
    String provider,
    String senderIdentity) {

  public static final String SOURCE = "control-api";

  public static TrackedMessage of(UUID messageId, ResultSet row) throws SQLException {
    return new TrackedMessage(
        messageId,
        Rows.uuid(row, "recipient_id"),
        Rows.uuid(row, "tenant_id"),
        Rows.uuid(row, "campaign_id"),
        Rows.uuid(row, "contact_id"),
        Channel.fromWire(row.getString("channel")),
        row.getString("variant"),
        row.getString("address"),
        row.getString("sending_ip"),
        row.getString("provider"),
        row.getString("sender_identity"));
  }

  public Event.Builder event(EventType type, Instant at) {
    return Event.builder(type)
        .occurredAt(at)
        .source(SOURCE)
        .tenantId(tenantId)
        .campaignId(campaignId)
        .messageId(messageId)
        .recipientId(recipientId)
        .contactId(contactId)
        .channel(channel)
        .variant(variant)
        .sendingIp(sendingIp)
        .senderIdentity(senderIdentity)
        .provider(provider);
  }
}
