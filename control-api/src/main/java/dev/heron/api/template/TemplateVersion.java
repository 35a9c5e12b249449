package dev.heron.api.template;

import dev.heron.api.db.Rows;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** One version of a template: its content, the version it replaced and its approval status. */
@Serdeable
public record TemplateVersion(
    int version,
    Integer replacesVersion,
    String status,
    String subject,
    String html,
    String text,
    String mediaUrl,
    List<String> variables,
    Instant createdAt,
    Instant statusChangedAt) {

  static TemplateVersion of(ResultSet row) throws SQLException {
    return new TemplateVersion(
        row.getInt("version"),
        (Integer) row.getObject("replaces_version"),
        row.getString("status"),
        row.getString("subject"),
        row.getString("html_body"),
        row.getString("text_body"),
        row.getString("media_url"),
        Rows.texts(row, "variables"),
        Rows.instant(row, "created_at"),
        Rows.instant(row, "status_changed_at"));
  }
}
