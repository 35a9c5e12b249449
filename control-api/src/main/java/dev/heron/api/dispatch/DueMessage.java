package dev.heron.api.dispatch;

import dev.heron.api.db.Rows;
import dev.heron.events.Channel;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One due send-queue row with what the senders need to deliver it. */
record DueMessage(
    UUID recipientId,
    UUID messageId,
    UUID tenantId,
    UUID campaignId,
    UUID contactId,
    Channel channel,
    String variant,
    String address,
    Map<String, Object> variables,
    MessageClass messageClass,
    String senderDomain,
    String fromAddress,
    String fromName,
    UUID templateId,
    int templateVersion) {

  static DueMessage of(ResultSet row) throws SQLException {
    return new DueMessage(
        Rows.uuid(row, "recipient_id"),
        Rows.uuid(row, "message_id"),
        Rows.uuid(row, "tenant_id"),
        Rows.uuid(row, "campaign_id"),
        Rows.uuid(row, "contact_id"),
        Channel.fromWire(row.getString("channel")),
        row.getString("variant"),
        row.getString("address"),
        Rows.json(row, "variables"),
        MessageClass.fromWire(row.getString("message_class")),
        row.getString("sender_domain"),
        row.getString("from_address"),
        row.getString("from_name"),
        Rows.uuid(row, "template_id"),
        row.getInt("template_version"));
  }

  SendRequest toSendRequest(Instant now) {
    return new SendRequest(
        SendRequest.SCHEMA_VERSION,
        now,
        tenantId,
        campaignId,
        messageId,
        recipientId,
        contactId,
        channel,
        messageClass,
        variant,
        address,
        senderDomain,
        FromHeader.format(fromName, fromAddress),
        templateId,
        templateVersion,
        variables);
  }
}
