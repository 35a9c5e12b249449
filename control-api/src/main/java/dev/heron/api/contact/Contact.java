package dev.heron.api.contact;

import dev.heron.api.db.Rows;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A contact as the API shows it. */
@Serdeable
public record Contact(
    UUID id,
    String email,
    String firstName,
    String lastName,
    String phone,
    String description,
    String company,
    String timeZone,
    List<String> tags,
    Map<String, Object> attributes,
    String consent,
    boolean optedOut,
    Instant optedOutAt,
    Instant createdAt,
    Instant updatedAt) {

  public static Contact of(ResultSet row) throws SQLException {
    return new Contact(
        Rows.uuid(row, "id"),
        row.getString("email"),
        row.getString("first_name"),
        row.getString("last_name"),
        row.getString("phone"),
        row.getString("description"),
        row.getString("company"),
        row.getString("time_zone"),
        Rows.texts(row, "tags"),
        Rows.json(row, "attributes"),
        row.getString("consent"),
        row.getBoolean("opted_out"),
        Rows.instant(row, "opted_out_at"),
        Rows.instant(row, "created_at"),
        Rows.instant(row, "updated_at"));
  }
}
