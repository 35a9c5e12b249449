package dev.heron.api.reputation;

import dev.heron.api.db.Rows;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One score snapshot of a sending IP at a mailbox provider. */
@Serdeable
public record IpScore(
    String ip,
    String provider,
    Instant computedAt,
    long volume,
    double deliveryRate,
    double bounceRate,
    double complaintRate,
    double deferralRate,
    double score) {
  static IpScore of(ResultSet row) throws SQLException {
    return new IpScore(
        row.getString("ip"),
        row.getString("provider"),
        Rows.instant(row, "computed_at"),
        row.getLong("volume"),
        row.getDouble("delivery_rate"),
        row.getDouble("bounce_rate"),
        row.getDouble("complaint_rate"),
        row.getDouble("deferral_rate"),
        row.getDouble("score"));
  }
}
