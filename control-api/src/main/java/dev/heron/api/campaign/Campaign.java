package dev.heron.api.campaign;

import dev.heron.api.db.Rows;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A campaign as the API shows it: its content per variant and channel, its audience and switches,
 * and how many of its recipients are in each status. {@code channel}, {@code templateId} and {@code
 * templateVersion} are those of the first variant's first channel.
 */
@Serdeable
public record Campaign(
    UUID id,
    String name,
    String description,
    String goal,
    String status,
    String channel,
    List<String> channels,
    String messageClass,
    UUID templateId,
    Integer templateVersion,
    List<Variant> variants,
    AbTest abTest,
    UUID senderIdentityId,
    Audience audience,
    Instant scheduledAt,
    Instant sendWindowStart,
    Instant sendWindowEnd,
    BigDecimal budget,
    boolean warmup,
    boolean sendTimeOptimization,
    Instant launchedAt,
    Instant completedAt,
    Instant createdAt,
    Instant updatedAt,
    Map<String, Long> recipients) {

  /** Who the campaign goes to: members of these lists, narrowed by the filter when both are set. */
  @Serdeable
  public record Audience(List<UUID> lists, String filter) {}

  /** One variant: its share of the A/B test group and the template version per channel. */
  @Serdeable
  public record Variant(String name, int split, Map<String, Content> templates) {}

  @Serdeable
  public record Content(UUID templateId, int templateVersion) {}

  @Serdeable
  public record AbTest(
      int testPercent,
      String metric,
      int windowHours,
      String status,
      Instant windowEndsAt,
      String winner) {
    static AbTest of(ResultSet row) throws SQLException {
      return new AbTest(
          row.getInt("test_percent"),
          row.getString("metric"),
          row.getInt("window_hours"),
          row.getString("status"),
          Rows.instant(row, "window_ends_at"),
          row.getString("winner_variant"));
    }
  }

  /** A campaign_variants row. */
  record VariantRow(String variant, String channel, UUID templateId, int version, int split) {
    static VariantRow of(ResultSet row) throws SQLException {
      return new VariantRow(
          row.getString("variant"),
          row.getString("channel"),
          Rows.uuid(row, "template_id"),
          row.getInt("template_version"),
          row.getInt("split_percent"));
    }
  }

  static Campaign of(
      ResultSet row, List<VariantRow> variantRows, AbTest abTest, Map<String, Long> recipients)
      throws SQLException {
    List<String> channels = Rows.texts(row, "channels");
    Map<String, Object> audience = Rows.json(row, "audience");
    Object lists = audience.getOrDefault("lists", List.of());
    Map<String, Variant> variants = new LinkedHashMap<>();
    for (VariantRow v : variantRows) {
      variants
          .computeIfAbsent(v.variant(), n -> new Variant(n, v.split(), new LinkedHashMap<>()))
          .templates()
          .put(v.channel(), new Content(v.templateId(), v.version()));
    }
    VariantRow first = variantRows.isEmpty() ? null : variantRows.get(0);
    return new Campaign(
        Rows.uuid(row, "id"),
        row.getString("name"),
        row.getString("description"),
        row.getString("goal"),
        row.getString("status"),
        channels.isEmpty() ? null : channels.get(0),
        channels,
        row.getString("message_class"),
        first == null ? null : first.templateId(),
        first == null ? null : first.version(),
        new ArrayList<>(variants.values()),
        abTest,
        Rows.uuid(row, "sender_identity_id"),
        new Audience(
            ((List<?>) lists).stream().map(v -> UUID.fromString(v.toString())).toList(),
            (String) audience.get("filter")),
        Rows.instant(row, "scheduled_at"),
        Rows.instant(row, "send_window_start"),
        Rows.instant(row, "send_window_end"),
        row.getBigDecimal("budget"),
        row.getBoolean("warmup_enabled"),
        row.getBoolean("send_time_optimization"),
        Rows.instant(row, "launched_at"),
        Rows.instant(row, "completed_at"),
        Rows.instant(row, "created_at"),
        Rows.instant(row, "updated_at"),
        recipients);
  }
}
