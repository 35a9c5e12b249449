package dev.heron.jobs.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The insights query for one campaign over 30 days, both ways: from {@code insight_buckets_hourly}
 * (what the stream jobs maintain), and by GROUP BY over the raw {@code events} (the "TimescaleDB
 * only" alternative, raw events inserted straight into the hypertable). The raw rows are generated
 * inside the database; the bucket rows are what the jobs would write for them.
 */
final class QueryComparison {
  private static final int RUNS = 7;
  private final Connection db;

  QueryComparison(Connection db) {
    this.db = db;
  }

  void run(int rawRows, List<String> report) throws Exception {
    UUID tenant = UUID.randomUUID();
    UUID campaign = UUID.randomUUID();
    long began = System.nanoTime();
    try (PreparedStatement st =
        db.prepareStatement(
            """
            INSERT INTO events (occurred_at, event_id, type, schema_version, tenant_id,
                                campaign_id, message_id, channel, variant, provider, sender_identity)
            SELECT now() - (g % 720) * interval '1 hour' - (g % 3600) * interval '1 second',
                   gen_random_uuid(),
                   (ARRAY['SENT','DELIVERED','OPENED','CLICKED','BOUNCED'])[1 + g % 5],
                   1, ?, ?, gen_random_uuid(), 'email', 'A',
                   (ARRAY['gmail','outlook','yahoo','apple'])[1 + g % 4], 'bench.example.test'
            FROM generate_series(1, ?) AS g
            """)) {
      st.setObject(1, tenant);
      st.setObject(2, campaign);
      st.setInt(3, rawRows);
      st.executeUpdate();
    }
    double loadSeconds = (System.nanoTime() - began) / 1e9;
    try (PreparedStatement st =
        db.prepareStatement(
            """
            INSERT INTO insight_buckets_hourly (bucket, tenant_id, campaign_id, channel, provider,
                                                sender_identity, variant, sent, delivered,
                                                opens_total, clicks_total, bounced_soft)
            SELECT time_bucket('1 hour', occurred_at), tenant_id, campaign_id, channel, provider,
                   sender_identity, variant,
                   count(*) FILTER (WHERE type = 'SENT'), count(*) FILTER (WHERE type = 'DELIVERED'),
                   count(*) FILTER (WHERE type = 'OPENED'), count(*) FILTER (WHERE type = 'CLICKED'),
                   count(*) FILTER (WHERE type = 'BOUNCED')
            FROM events WHERE tenant_id = ? AND campaign_id = ?
            GROUP BY 1, 2, 3, 4, 5, 6, 7
            """)) {
      st.setObject(1, tenant);
      st.setObject(2, campaign);
      st.executeUpdate();
    }
    try (Statement st = db.createStatement()) {
      st.execute("ANALYZE events");
      st.execute("ANALYZE insight_buckets_hourly");
    }
    long fromBuckets =
        median(
            """
            SELECT time_bucket('1 day', bucket), sum(sent), sum(delivered), sum(opens_total),
                   sum(clicks_total), sum(bounced_soft)
            FROM insight_buckets_hourly
            WHERE campaign_id = ? AND bucket > now() - interval '30 days'
            GROUP BY 1 ORDER BY 1
            """,
            campaign);
    long fromRaw =
        median(
            """
            SELECT time_bucket('1 day', occurred_at),
                   count(*) FILTER (WHERE type = 'SENT'), count(*) FILTER (WHERE type = 'DELIVERED'),
                   count(*) FILTER (WHERE type = 'OPENED'), count(*) FILTER (WHERE type = 'CLICKED'),
                   count(*) FILTER (WHERE type = 'BOUNCED')
            FROM events
            WHERE tenant_id = ? AND campaign_id = ? AND occurred_at > now() - interval '30 days'
            GROUP BY 1 ORDER BY 1
            """,
            tenant,
            campaign);
    PipelineBenchmark.row(
        report, "raw events for one campaign over 30 days", Integer.toString(rawRows));
    PipelineBenchmark.row(
        report,
        "raw rows inserted straight into the hypertable",
        String.format(Locale.ROOT, "%,.0f rows/s", rawRows / loadSeconds));
    PipelineBenchmark.row(
        report, "insights query from buckets (median)", fromBuckets / 1000.0 + " ms");
    PipelineBenchmark.row(
        report, "insights query by GROUP BY over raw events (median)", fromRaw / 1000.0 + " ms");
    PipelineBenchmark.row(
        report,
        "buckets faster by",
        String.format(Locale.ROOT, "%.0f x", (double) fromRaw / fromBuckets));
    try (PreparedStatement st = db.prepareStatement("DELETE FROM events WHERE tenant_id = ?")) {
      st.setObject(1, tenant);
      st.executeUpdate();
    }
    try (PreparedStatement st =
        db.prepareStatement("DELETE FROM insight_buckets_hourly WHERE tenant_id = ?")) {
      st.setObject(1, tenant);
      st.executeUpdate();
    }
  }

  /** The median wall time of the query in microseconds, after one warm-up run. */
  private long median(String sql, Object... params) throws Exception {
    List<Long> times = new ArrayList<>();
    try (PreparedStatement st = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      for (int run = 0; run <= RUNS; run++) {
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
}
