package dev.heron.api.conversion;

import dev.heron.api.db.Rows;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** The bodies of {@code /api/conversions}. */
final class ConversionRequests {
  /**
   * A conversion: a purchase, sign-up or other goal reached by the recipient of a message.
   *
   * @param messageId the message it is credited to; or else {@code campaignId} and {@code
   *     contactId}, which name the message that campaign sent that contact
   * @param value what it was worth, in the tenant's currency (up to 12 digits and 2 decimals)
   * @param occurredAt when it happened (default: now); not in the future
   * @param orderId the caller's id for it: reporting the same order again records nothing new
   */
  @Serdeable
  record Report(
      @Nullable UUID messageId,
      @Nullable UUID campaignId,
      @Nullable UUID contactId,
      @Nullable @PositiveOrZero @DecimalMax("999999999999.99") @Digits(integer = 12, fraction = 2)
          BigDecimal value,
      @Nullable Instant occurredAt,
      @Nullable @Size(min = 1, max = 200) String orderId) {}

  /**
   * A recorded conversion.
   *
   * @param eventId the id of its CONVERTED event on heron.events
   * @param repeated true when its order had been reported before: this is the first report, and
   *     nothing was recorded now
   */
  @Serdeable
  record Recorded(
      UUID eventId,
      UUID messageId,
      UUID campaignId,
      @Nullable UUID contactId,
      @Nullable BigDecimal value,
      Instant occurredAt,
      @Nullable String orderId,
      boolean repeated) {
    static Recorded repeatOf(ResultSet row, String orderId) throws SQLException {
      return new Recorded(
          Rows.uuid(row, "event_id"),
          Rows.uuid(row, "message_id"),
          Rows.uuid(row, "campaign_id"),
          Rows.uuid(row, "contact_id"),
          row.getBigDecimal("value"),
          Rows.instant(row, "occurred_at"),
          orderId,
          true);
    }
  }

  private ConversionRequests() {}
}
