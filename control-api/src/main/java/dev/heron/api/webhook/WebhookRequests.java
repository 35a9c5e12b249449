package dev.heron.api.webhook;

import dev.heron.api.db.Rows;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The bodies of {@code /api/webhooks}. */
final class WebhookRequests {
  /**
   * A new subscription.
   *
   * @param url where events are POSTed: an absolute http(s) URL
   * @param eventTypes the event types to receive (SENT, DELIVERED, OPENED...); empty or absent: all
   * @param secret the signing secret (16 to 200 characters); absent: one is generated
   */
  @Serdeable
  record Create(
      @NotBlank @Size(max = 2000) String url,
      @Nullable List<String> eventTypes,
      @Nullable @Size(min = 16, max = 200) String secret) {}

  /** A subscription as the API shows it; its secret only once, when it is created. */
  @Serdeable
  record View(
      UUID id,
      String url,
      List<String> eventTypes,
      boolean active,
      Instant createdAt,
      @Nullable String secret) {
    static View of(ResultSet row) throws SQLException {
      return new View(
          Rows.uuid(row, "id"),
          row.getString("url"),
          Rows.texts(row, "event_types"),
          row.getBoolean("active"),
          Rows.instant(row, "created_at"),
          null);
    }

    View withSecret(String secret) {
      return new View(id, url, eventTypes, active, createdAt, secret);
    }
  }

  /** One line of the delivery log. */
  @Serdeable
  record Delivery(
      long id,
      UUID eventId,
      String eventType,
      String status,
      int attempts,
      @Nullable Integer lastStatusCode,
      @Nullable String lastError,
      Instant createdAt,
      @Nullable Instant lastAttemptAt,
      @Nullable Instant nextAttemptAt,
      @Nullable Instant deliveredAt) {
    static Delivery of(ResultSet row) throws SQLException {
      String status = row.getString("status");
      return new Delivery(
          row.getLong("id"),
          Rows.uuid(row, "event_id"),
          row.getString("event_type"),
          status,
          row.getInt("attempts"),
          (Integer) row.getObject("last_status_code"),
          row.getString("last_error"),
          Rows.instant(row, "created_at"),
          Rows.instant(row, "last_attempt_at"),
          status.equals("pending") ? Rows.instant(row, "next_attempt_at") : null,
          Rows.instant(row, "delivered_at"));
    }
  }

  private WebhookRequests() {}
}
