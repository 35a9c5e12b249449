package dev.heron.api.list;

import dev.heron.api.db.Rows;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** A list as the API shows it, with its member count. */
@Serdeable
public record ContactList(
    UUID id,
    String name,
    String description,
    String kind,
    String filter,
    long members,
    Instant createdAt,
    Instant updatedAt) {

  ContactList withMembers(long count) {
    return new ContactList(id, name, description, kind, filter, count, createdAt, updatedAt);
  }

  static ContactList of(ResultSet row) throws SQLException {
    return new ContactList(
        Rows.uuid(row, "id"),
        row.getString("name"),
        row.getString("description"),
        row.getString("kind"),
        row.getString("filter"),
        row.getLong("members"),
        Rows.instant(row, "created_at"),
        Rows.instant(row, "updated_at"));
  }
}
