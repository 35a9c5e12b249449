package dev.heron.jobs.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The insights query for one campaign over 30 days, both ways: from {@code insight_buckets_hourly}
 * (what the stream jobs maintain), and by GROUP BY over the raw {@code events} (the "TimescaleDB
 * only" alternative, raw events inserted straight into the hypertable).
 *
 * <p>The raw rows are one campaign's, spread evenly over a fixed 30 days, generated inside the
 * database with {@code generate_series} in time order; the bucket rows are what the jobs would
 * write for them. Ten million rows take minutes to load on a busy machine, so the data set is kept
 * under its own tenant and loaded again only when it does not hold the number of rows asked for.
 */
final class QueryComparison {
  static final UUID TENANT = name("heron-bench-query-tenant");
  static final UUID CAMPAIGN = name("heron-bench-query-campaign");
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofDays(30));
  private static final int LOAD_STEP = 1_000_000;
  private static final int BUCKET_RUNS = 7;
  private static final int RAW_RUNS = 3;
  private final Connection db;

  QueryComparison(Connection db) {
    this.db = db;
  }

  void run(int rawRows, List<String> report) throws Exception {
    String loaded = "kept from an earlier run";
    if (count("SELECT count(*) FROM events WHERE tenant_id = ?") != rawRows) {
      double seconds = load(rawRows);
      loaded = String.format(Locale.ROOT, "%,.0f rows/s", rawRows / seconds);
    }
    long fromBuckets =
        median(
            BUCKET_RUNS,
            """
            SELECT time_bucket('1 day', bucket), sum(sent), sum(delivered), sum(opens_total),
                   sum(clicks_total), sum(bounced_soft)
            FROM insight_buckets_hourly
            WHERE tenant_id = ? AND campaign_id = ? AND bucket >= ? AND bucket < ?
            GROUP BY 1 ORDER BY 1
            """);
    long fromRaw =
        median(
            RAW_RUNS,
            """
            SELECT time_bucket('1 day', occurred_at),
                   count(*) FILTER (WHERE type = 'SENT'), count(*) FILTER (WHERE type = 'DELIVERED'),
                   count(*) FILTER (WHERE type = 'OPENED'), count(*) FILTER (WHERE type = 'CLICKED'),
                   count(*) FILTER (WHERE type = 'BOUNCED')
            FROM events
            WHERE tenant_id = ? AND campaign_id = ? AND occurred_at >= ? AND occurred_at < ?
            GROUP BY 1 ORDER BY 1
            """);
    PipelineBenchmark.row(
        report,
        "raw events for one campaign over 30 days",
        String.format(Locale.ROOT, "%,d", rawRows));
    PipelineBenchmark.row(report, "raw rows generated straight into the hypertable", loaded);
    PipelineBenchmark.row(
        report, "insights query from buckets (median)", fromBuckets / 1000.0 + " ms");
    PipelineBenchmark.row(
        report, "insights query by GROUP BY over raw events (median)", fromRaw / 1000.0 + " ms");
    PipelineBenchmark.row(
        report,
        "buckets faster by",
        String.format(Locale.ROOT, "%.0f x", (double) fromRaw / fromBuckets));
  }

  /**
   * Replaces the data set: raw rows in steps of a million (each step one bounded statement), ids
   * that grow with the row number so that the indexes fill from one end, then the hourly buckets.
   */
  private double load(int rawRows) throws Exception {
    long began = System.nanoTime();
    execute("DELETE FROM events WHERE tenant_id = ?");
    execute("DELETE FROM insight_buckets_hourly WHERE tenant_id = ?");
    double stepSeconds = Duration.between(FROM, TO).toMillis() / 1000.0 / rawRows;
    for (int first = 0; first < rawRows; first += LOAD_STEP) {
      try (PreparedStatement st =
          db.prepareStatement(
              """
              INSERT INTO events (occurred_at, event_id, type, schema_version, tenant_id,
                                  campaign_id, message_id, channel, variant, provider,
                                  sender_identity)
              SELECT ? + g * ? * interval '1 second',
                     ('be000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid,
                     (ARRAY['SENT','DELIVERED','OPENED','CLICKED','BOUNCED'])[1 + g % 5],
                     1, ?, ?,
                     ('be100000-0000-4000-8000-' || lpad(to_hex(g / 5), 12, '0'))::uuid,
                     'email', 'A',
                     (ARRAY['gmail','outlook','yahoo','apple'])[1 + (g / 5) % 4],
                     'bench.example.test'
              FROM generate_series(?::bigint, ?::bigint) AS g
              """)) {
        st.setObject(1, FROM.atOffset(ZoneOffset.UTC));
        st.setDouble(2, stepSeconds);
        st.setObject(3, TENANT);
        st.setObject(4, CAMPAIGN);
        st.setLong(5, first);
        st.setLong(6, Math.min(first + LOAD_STEP, rawRows) - 1L);
        st.executeUpdate();
      }
      System.out.printf(
          Locale.ROOT, "query comparison: %,d of %,d raw rows%n", first + LOAD_STEP, rawRows);
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    execute(
        """
        INSERT INTO insight_buckets_hourly (bucket, tenant_id, campaign_id, channel, provider,
                                            sender_identity, variant, sent, delivered,
                                            opens_total, clicks_total, bounced_soft)
        SELECT time_bucket('1 hour', occurred_at), tenant_id, campaign_id, channel, provider,
               sender_identity, variant,
               count(*) FILTER (WHERE type = 'SENT'), count(*) FILTER (WHERE type = 'DELIVERED'),
               count(*) FILTER (WHERE type = 'OPENED'), count(*) FILTER (WHERE type = 'CLICKED'),
               count(*) FILTER (WHERE type = 'BOUNCED')
        FROM events WHERE tenant_id = ?
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        """);
    try (Statement st = db.createStatement()) {
      st.execute("ANALYZE events");
      st.execute("ANALYZE insight_buckets_hourly");
    }
    return seconds;
  }

  private void execute(String sql) throws Exception {
    try (PreparedStatement st = db.prepareStatement(sql)) {
      st.setObject(1, TENANT);
      st.executeUpdate();
    }
  }

  private long count(String sql) throws Exception {
    try (PreparedStatement st = db.prepareStatement(sql)) {
      st.setObject(1, TENANT);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The median wall time of the query in microseconds, after one warm-up run. */
  private long median(int runs, String sql) throws Exception {
    List<Long> times = new ArrayList<>();
    try (PreparedStatement st = db.prepareStatement(sql)) {
      st.setObject(1, TENANT);
      st.setObject(2, CAMPAIGN);
      st.setObject(3, FROM.atOffset(ZoneOffset.UTC));
      st.setObject(4, TO.atOffset(ZoneOffset.UTC));
      for (int run = 0; run <= runs; run++) {
        long began = System.nanoTime();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            rs.getLong(2);
          }
        }
        if (run > 0) {
          times.add((System.nanoTime() - began) / 1_000);
        }
      }
    }
    Collections.sort(times);
    return times.get(times.size() / 2);
  }

  private static UUID name(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
