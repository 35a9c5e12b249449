package dev.heron.charts.grafana;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Rows of the tables the dashboards read, written the way the stream jobs and the control API write
 * them, for one new tenant and one sending IP of the documentation range (198.51.100.0/24) that no
 * sender ever uses (its {@code sending_ips} row is inactive). Everything is removed afterwards.
 */
final class SeededWorld {
  static final List<String> PROVIDERS = List.of("gmail", "outlook");
  static final String IDENTITY = "news.charts.test";

  final UUID tenantId = UUID.randomUUID();
  final UUID campaignId = UUID.randomUUID();
  final String ip = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);

  /** The first of the two seeded hours; the second follows it. */
  final Instant firstHour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

  /** Per hour, provider and variant: sent 10, delivered 8, one hard bounce, one block, ... */
  static final int SENT = 10;

  static final int DELIVERED = 8;
  static final int OPENS_UNIQUE = 4;
  static final int CLICKS_UNIQUE = 2;
  static final int COMPLAINTS = 1;
  static final int DEFERRED = 3;

  static final List<String> VARIANTS = List.of("A", "B");
  static final int ROWS = 2 * PROVIDERS.size() * VARIANTS.size();

  void seed(Connection c) throws SQLException {
    removeIpRows(c);
    update(
        c,
        "INSERT INTO tenants (id, name, slug) VALUES (?, ?, ?)",
        tenantId,
        "Charts " + tenantId,
        "charts-" + tenantId);
    update(
        c,
        "INSERT INTO campaigns (id, tenant_id, name, status) VALUES (?, ?, 'Grafana check', 'running')",
        campaignId,
        tenantId);
    update(
        c,
        "INSERT INTO ab_tests (tenant_id, campaign_id, metric, status, winner_variant, decided_at)"
            + " VALUES (?, ?, 'opens', 'decided', 'B', now())",
        tenantId,
        campaignId);
    for (int h = 0; h < 2; h++) {
      Timestamp hour = Timestamp.from(firstHour.plus(h, ChronoUnit.HOURS));
      for (String provider : PROVIDERS) {
        for (String variant : VARIANTS) {
          update(
              c,
              "INSERT INTO insight_buckets_hourly (bucket, tenant_id, campaign_id, channel, provider,"
                  + " sender_identity, variant, sent, delivered, deferred, bounced_hard, blocked,"
                  + " opens_total, opens_unique, clicks_total, clicks_unique, complaints, unsubscribes)"
                  + " VALUES (?, ?, ?, 'email', ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?, ?, 0)",
              hour,
              tenantId,
              campaignId,
              provider,
              IDENTITY,
              variant,
              SENT,
              DELIVERED,
              DEFERRED,
              OPENS_UNIQUE + 1,
              OPENS_UNIQUE,
              CLICKS_UNIQUE,
              CLICKS_UNIQUE,
              COMPLAINTS);
        }
        event(c, hour, provider, "SENT", null, null, null);
        event(
            c,
            hour,
            provider,
            "BOUNCED",
            550,
            "5.1.1",
            "550 5.1.1 <x@" + provider + ".test>: no such user");
        event(c, hour, provider, "DEFERRED", 421, "4.7.0", "421 4.7.0 try again later");
        for (int s = 0; s < 3; s++) {
          Timestamp at = Timestamp.from(firstHour.plus(h * 60L + s * 20L, ChronoUnit.MINUTES));
          update(
              c,
              "INSERT INTO ip_reputation (computed_at, ip, provider, volume, delivery_rate,"
                  + " bounce_rate, complaint_rate, deferral_rate, score)"
                  + " VALUES (?, ?, ?, 100, 0.95, 0.02, 0.0005, 0.03, ?)",
              at,
              ip,
              provider,
              0.5 + 0.1 * s);
        }
      }
    }
    for (String provider : PROVIDERS) {
      update(
          c,
          "INSERT INTO ip_reputation_current (ip, provider, computed_at, volume, delivery_rate,"
              + " bounce_rate, complaint_rate, deferral_rate, score)"
              + " VALUES (?, ?, now(), 100, 0.95, 0.02, 0.0005, 0.03, 0.7)",
          ip,
          provider);
    }
    update(c, "INSERT INTO sending_ips (ip, active) VALUES (?, false)", ip);
    update(
        c,
        "INSERT INTO warmup_schedules (ip, schedule, schedule_day, daily_cap, sent_today, paused,"
            + " pause_reason, paused_at) VALUES (?, '[]'::jsonb, 6, 500, 120, true,"
            + " 'bounce rate 4.1 % > 3 %', now())",
        ip);
    // Today's and tomorrow's: a midnight that falls between this seed and the panel's query moves
    // its current_date on by a day, and the panel must still find today's count.
    update(
        c,
        "INSERT INTO warmup_usage (ip, day, sent) VALUES (?, current_date, 131),"
            + " (?, current_date + 1, 131)",
        ip,
        ip);
  }

  private void event(
      Connection c,
      Timestamp at,
      String provider,
      String type,
      Integer code,
      String enhanced,
      String reply)
      throws SQLException {
    update(
        c,
        "INSERT INTO events (occurred_at, event_id, type, schema_version, tenant_id, campaign_id,"
            + " message_id, channel, variant, sending_ip, sender_identity, provider, smtp_code,"
            + " enhanced_status, smtp_response, bounce_class)"
            + " VALUES (?, ?, ?, 1, ?, ?, ?, 'email', 'A', ?, ?, ?, ?, ?, ?, ?)",
        at,
        UUID.randomUUID(),
        type,
        tenantId,
        campaignId,
        UUID.randomUUID(),
        ip,
        IDENTITY,
        provider,
        code,
        enhanced,
        reply,
        "BOUNCED".equals(type) ? "hard" : null);
  }

  void remove(Connection c) throws SQLException {
    update(c, "DELETE FROM insight_buckets_hourly WHERE tenant_id = ?", tenantId);
    update(c, "DELETE FROM events WHERE tenant_id = ?", tenantId);
    update(c, "DELETE FROM tenants WHERE id = ?", tenantId);
    removeIpRows(c);
  }

  private void removeIpRows(Connection c) throws SQLException {
    update(c, "DELETE FROM ip_reputation WHERE ip = ?", ip);
    update(c, "DELETE FROM ip_reputation_current WHERE ip = ?", ip);
    update(c, "DELETE FROM warmup_usage WHERE ip = ?", ip);
    update(c, "DELETE FROM sending_ips WHERE ip = ?", ip);
  }

  static void update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
    }
  }

  static long count(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
