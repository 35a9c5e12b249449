package dev.heron.api.message;

import dev.heron.api.db.Rows;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** How the read APIs show a message and its events. */
public final class MessageViews {
  /** One archived event of a message, with the exact SMTP reply when it is a delivery outcome. */
  @Serdeable
  public record EventView(
      UUID eventId,
      String type,
      Instant occurredAt,
      @Nullable String source,
      @Nullable String sendingIp,
      @Nullable String provider,
      @Nullable String bounceClass,
      @Nullable Integer smtpCode,
      @Nullable String enhancedStatus,
      @Nullable String smtpResponse,
      @Nullable String reason,
      @Nullable Boolean machineOpen,
      @Nullable String url,
      @Nullable BigDecimal value) {
    static EventView of(ResultSet row) throws SQLException {
      return new EventView(
          Rows.uuid(row, "event_id"),
          row.getString("type"),
          Rows.instant(row, "occurred_at"),
          row.getString("source"),
          row.getString("sending_ip"),
          row.getString("provider"),
          row.getString("bounce_class"),
          (Integer) row.getObject("smtp_code"),
          row.getString("enhanced_status"),
          row.getString("smtp_response"),
          row.getString("reason"),
          (Boolean) row.getObject("machine_open"),
          row.getString("url"),
          row.getBigDecimal("value"));
    }
  }

  /** A message: its recipient row, the senders' last reply and every event, oldest first. */
  @Serdeable
  public record MessageView(
      UUID messageId,
      UUID campaignId,
      String campaignName,
      UUID contactId,
      String channel,
      String variant,
      String address,
      String status,
      Instant plannedAt,
      @Nullable String sendingIp,
      @Nullable String provider,
      @Nullable String lastSmtpResponse,
      List<EventView> events) {
    static MessageView of(ResultSet row) throws SQLException {
      return new MessageView(
          Rows.uuid(row, "message_id"),
          Rows.uuid(row, "campaign_id"),
          row.getString("campaign_name"),
          Rows.uuid(row, "contact_id"),
          row.getString("channel"),
          row.getString("variant"),
          row.getString("address"),
          row.getString("status"),
          Rows.instant(row, "planned_at"),
          row.getString("sending_ip"),
          row.getString("provider"),
          row.getString("smtp_response"),
          List.of());
    }

    MessageView withEvents(List<EventView> all) {
      return new MessageView(
          messageId,
          campaignId,
          campaignName,
          contactId,
          channel,
          variant,
          address,
          status,
          plannedAt,
          sendingIp,
          provider,
          lastSmtpResponse,
          all);
    }
  }

  private MessageViews() {}
}
