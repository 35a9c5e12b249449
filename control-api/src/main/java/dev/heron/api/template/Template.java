package dev.heron.api.template;

import dev.heron.api.db.Rows;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A template with its current (newest) version's content and approval status, and the newest
 * approved version, which is the one campaigns send (null while none is approved).
 */
@Serdeable
public record Template(
    UUID id,
    String name,
    String channel,
    int version,
    Integer replacesVersion,
    String status,
    Integer approvedVersion,
    String subject,
    String html,
    String text,
    String mediaUrl,
    List<String> variables,
    Instant createdAt,
    Instant updatedAt) {

  static Template of(ResultSet row) throws SQLException {
    return new Template(
        Rows.uuid(row, "id"),
        row.getString("name"),
        row.getString("channel"),
        row.getInt("current_version"),
        (Integer) row.getObject("replaces_version"),
        row.getString("status"),
        (Integer) row.getObject("approved_version"),
        row.getString("subject"),
        row.getString("html_body"),
        row.getString("text_body"),
        row.getString("media_url"),
        Rows.texts(row, "variables"),
        Rows.instant(row, "created_at"),
        Rows.instant(row, "updated_at"));
  }

  public boolean isApproved() {
    return "approved".equals(status);
  }
}
