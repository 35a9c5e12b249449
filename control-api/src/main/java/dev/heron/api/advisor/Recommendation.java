package dev.heron.api.advisor;

import dev.heron.api.db.Rows;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A stored finding as the API shows it; dismiss it by its id. */
@Serdeable
record Recommendation(
    UUID id,
    String code,
    String scope,
    String subject,
    String severity,
    String title,
    String detail,
    Instant createdAt) {
  static Recommendation of(ResultSet row) throws SQLException {
    return new Recommendation(
        Rows.uuid(row, "id"),
        row.getString("code"),
        row.getString("scope"),
        row.getString("subject"),
        row.getString("severity"),
        row.getString("title"),
        row.getString("detail"),
        Rows.instant(row, "created_at"));
  }
}
