package dev.heron.jobs.bench;

import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.jobs.JobSettings;
import dev.heron.jobs.LocalPipeline;
import dev.heron.jobs.archive.ArchiveJob;
import dev.heron.jobs.insights.InsightsJob;
import dev.heron.jobs.insights.InsightsSettings;
import dev.heron.jobs.intake.EventIntake;
import dev.heron.jobs.intake.KafkaEvents;
import dev.heron.jobs.reputation.ReputationSinks;
import dev.heron.jobs.storage.JobDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The stream jobs' benchmark, against the broker and database of the settings:
 *
 * <ol>
 *   <li>sustained events per second through Archive + Insights + Reputation on one local
 *       MiniCluster, against the ceiling of a plain Kafka consumer reading the same records;
 *   <li>freshness: a probe event produced, then its bucket row updated (p50 and p99);
 *   <li>the dashboard query for one campaign over 30 days from the hourly buckets, against the same
 *       figures computed by GROUP BY over the raw events (the "TimescaleDB only" way).
 * </ol>
 *
 * Arguments: messages (3 events each, default 100000), raw rows for the query comparison (default
 * 1000000), and a file to append the markdown results to (optional). Results are ratios against
 * baselines measured in the same run, so they mean something on a busy machine too.
 */
public final class PipelineBenchmark {
  private static final Duration DEADLINE = Duration.ofMinutes(20);

  private PipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rawRows = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
    List<String> report = new ArrayList<>();
    report.add("## Stream jobs (" + Instant.now() + ")");
    report.add("");
    report.add("| measure | value |");
    report.add("| --- | --- |");
    row(report, "load average before", loadAverage());
    try (BenchEvents bench = new BenchEvents()) {
      long start = System.currentTimeMillis();
      long events = bench.produce(messages, Instant.now());
      double ceiling = plainConsumerRate(start, events);
      row(report, "events", Long.toString(events));
      row(report, "plain Kafka consumer (ceiling)", perSecond(ceiling));

      // Configured as the local pipeline is: checkpoints to files, at the usual interval.
      Path checkpoints = Files.createTempDirectory("heron-bench-checkpoints");
      StreamExecutionEnvironment env =
          StreamExecutionEnvironment.createLocalEnvironment(
              JobSettings.getInt(JobSettings.PARALLELISM),
              LocalPipeline.configuration(
                  0,
                  checkpoints,
                  Duration.ofMillis(JobSettings.getInt(Settings.CHECKPOINT_INTERVAL_MS)),
                  JobSettings.stateBackend(),
                  Optional.empty()));
      EventIntake intake =
          new EventIntake(
              KafkaEvents.source(
                  "heron-bench-" + UUID.randomUUID(), OffsetsInitializer.timestamp(start)),
              KafkaEvents.deadLetterSink(),
              Duration.ofSeconds(5),
              Duration.ofSeconds(1));
      LocalPipeline.reuseObjects(env);
      LocalPipeline.wireArchiveInsightsReputation(
          intake.events(env),
          ArchiveJob.tableSink(),
          InsightsJob.tableSink(),
          ReputationSinks.real(),
          InsightsSettings.defaults());
      JobClient job = env.executeAsync("heron-bench");
      try (Connection db = JobDatabase.connect()) {
        // Sustained: from the first tenth of the messages bucketed to the last, so that the job's
        // start-up is not counted, and until the last event of every partition is archived.
        String bucketed =
            "SELECT coalesce(sum(sent), 0) FROM insight_buckets_hourly WHERE tenant_id = ?";
        awaitCount(db, bucketed, bench.tenant, messages / 10);
        long tenth = System.nanoTime();
        awaitCount(db, bucketed, bench.tenant, messages);
        awaitArchived(db, bench.lastProducedPerPartition());
        double pipeline = 0.9 * events / ((System.nanoTime() - tenth) / 1e9);
        // Every event archived, counted once the clock has stopped: a count of the tenant's rows
        // keeps the database busy for about 0.1 s, so polled while the archive loaded, it slowed
        // it.
        awaitCount(db, "SELECT count(*) FROM events WHERE tenant_id = ?", bench.tenant, events);
        row(report, "Archive + Insights + Reputation, sustained", perSecond(pipeline));
        row(report, "ratio to the ceiling", String.format(Locale.ROOT, "%.3f", pipeline / ceiling));

        List<Long> freshness = freshness(bench, db, 50);
        row(report, "freshness p50", freshness.get(freshness.size() / 2) + " ms");
        row(report, "freshness p99", freshness.get((int) (freshness.size() * 0.99)) + " ms");
      } finally {
        job.cancel().get();
        // Retained on cancellation, as the pipeline's are: a run's hundreds of megabytes.
        job.getJobExecutionResult().handle((result, cancelled) -> result).get();
        FileUtils.deleteDirectory(checkpoints.toFile());
      }
    }
    try (Connection db = JobDatabase.connect()) {
      new QueryComparison(db).run(rawRows, report);
    }
    row(report, "load average after", loadAverage());
    report.forEach(System.out::println);
    if (args.length > 2) {
      Files.write(
          Path.of(args[2]),
          report,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    }
  }

  /** How fast a plain consumer reads the records just produced: the most any reader can do. */
  private static double plainConsumerRate(long since, long expected) {
    Properties props = new Properties();
    props.put("bootstrap.servers", Settings.get(Settings.KAFKA_BOOTSTRAP));
    props.put("key.deserializer", ByteArrayDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    props.put("max.poll.records", "5000");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.EVENTS).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      var offsets =
          consumer.offsetsForTimes(
              partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> since)));
      partitions.forEach(
          p -> {
            if (offsets.get(p) == null) {
              consumer.seekToEnd(List.of(p));
            } else {
              consumer.seek(p, offsets.get(p).offset());
            }
          });
      long read = 0;
      long began = System.nanoTime();
      long deadline = System.currentTimeMillis() + DEADLINE.toMillis();
      while (read < expected && System.currentTimeMillis() < deadline) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        read += records.count();
      }
      return read / ((System.nanoTime() - began) / 1e9);
    }
  }

  /** Milliseconds from producing a probe event to its bucket row counting it, sorted. */
  private static List<Long> freshness(BenchEvents bench, Connection db, int probes)
      throws Exception {
    UUID probeCampaign = UUID.randomUUID();
    List<Long> latencies = new ArrayList<>();
    for (int i = 1; i <= probes; i++) {
      long sent = System.nanoTime();
      bench.probe(probeCampaign);
      awaitCount(
          db,
          "SELECT coalesce(sum(sent), 0) FROM insight_buckets_hourly WHERE campaign_id = ?",
          probeCampaign,
          i);
      latencies.add((System.nanoTime() - sent) / 1_000_000);
    }
    Collections.sort(latencies);
    return latencies;
  }

  /** Waits until every one of {@code eventIds} is in the archive. */
  private static void awaitArchived(Connection db, List<UUID> eventIds) throws Exception {
    String sql = "SELECT count(*) FROM events WHERE event_id = ANY (?)";
    try (PreparedStatement st = db.prepareStatement(sql)) {
      st.setArray(1, db.createArrayOf("uuid", eventIds.toArray()));
      awaitAtLeast(st, eventIds.size(), sql);
    }
  }

  static void awaitCount(Connection db, String sql, UUID id, long expected) throws Exception {
    try (PreparedStatement st = db.prepareStatement(sql)) {
      st.setObject(1, id);
      awaitAtLeast(st, expected, sql);
    }
  }

  /** Runs a counting query every 20 ms until it answers at least {@code expected}. */
  private static void awaitAtLeast(PreparedStatement count, long expected, String sql)
      throws Exception {
    long deadline = System.currentTimeMillis() + DEADLINE.toMillis();
    while (true) {
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        if (rs.getLong(1) >= expected) {
          return;
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("not " + expected + " within " + DEADLINE + ": " + sql);
      }
      Thread.sleep(20);
    }
  }

  /** The machine's 1, 5 and 15 minute load averages, as {@code uptime} shows them. */
  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + ", " + parts[1] + ", " + parts[2];
    } catch (java.io.IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  static void row(List<String> report, String measure, String value) {
    report.add("| " + measure + " | " + value + " |");
  }

  private static String perSecond(double rate) {
    return String.format(Locale.ROOT, "%,.0f events/s", rate);
  }
}
