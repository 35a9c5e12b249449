package dev.heron.api.campaign;

import dev.heron.api.db.Rows;
import io.micronaut.serde.annotation.Serdeable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A campaign as the API shows it, with how many of its recipients are in each status. */
@Serdeable
public record Campaign(
    UUID id,
    String name,
    String description,
    String goal,
    String status,
    String channel,
    String messageClass,
    UUID templateId,
    Integer templateVersion,
    UUID senderIdentityId,
    Audience audience,
    Instant scheduledAt,
    Instant launchedAt,
    Instant completedAt,
    Instant createdAt,
    Instant updatedAt,
    Map<String, Long> recipients) {

  /** Who the campaign goes to: the members of these static lists. */
  @Serdeable
  public record Audience(List<UUID> lists) {}

  static Campaign of(ResultSet row, Map<String, Long> recipients) throws SQLException {
    List<String> channels = Rows.texts(row, "channels");
    Object lists = Rows.json(row, "audience").getOrDefault("lists", List.of());
    return new Campaign(
        Rows.uuid(row, "id"),
        row.getString("name"),
        row.getString("description"),
        row.getString("goal"),
        row.getString("status"),
        channels.isEmpty() ? null : channels.get(0),
        row.getString("message_class"),
        Rows.uuid(row, "template_id"),
        (Integer) row.getObject("template_version"),
        Rows.uuid(row, "sender_identity_id"),
        new Audience(((List<?>) lists).stream().map(v -> UUID.fromString(v.toString())).toList()),
        Rows.instant(row, "scheduled_at"),
        Rows.instant(row, "launched_at"),
        Rows.instant(row, "completed_at"),
        Rows.instant(row, "created_at"),
        Rows.instant(row, "updated_at"),
        recipients);
  }
}
