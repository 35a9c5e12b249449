package dev.heron.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -9 mid-stream and restart: the restarted pipeline resumes from the newest retained
 * checkpoint, and afterwards the bucket totals equal the raw event counts exactly.
 */
class RecoveryTest {
  private static final int MESSAGES_PER_PHASE = 2_000;
  private static final Duration DEADLINE = Duration.ofSeconds(180);

  @TempDir Path work;
  private final TestEvents events = new TestEvents();
  private final String group = "heron-stream-jobs-recovery-" + UUID.randomUUID();
  private final long start = System.currentTimeMillis();
  private Process pipeline;
  private Path checkpoints;

  @AfterEach
  void stop() throws InterruptedException {
    if (pipeline != null) {
      pipeline.destroyForcibly().waitFor(); // before the work directory is removed
    }
  }

  @Test
  void aKilledPipelineRestartsFromItsLastCheckpointWithoutLosingOrDoubleCounting()
      throws Exception {
    checkpoints = work.resolve("checkpoints");
    produce(MESSAGES_PER_PHASE);
    pipeline = launch("first", start);
    await("some archived events", () -> archived() > 0);
    // A checkpoint completed before the source had its partitions would hold no offsets, and the
    // restart would begin at its own start time: only a checkpoint taken after events flowed
    // proves anything about resuming.
    Optional<Path> beforeFlow = newestCheckpoint();
    await("a checkpoint after events were archived", () -> !newestCheckpoint().equals(beforeFlow));

    pipeline.destroyForcibly().waitFor(); // SIGKILL: no cancellation, no final checkpoint
    long archivedAtKill = archived();
    // Started without the checkpoint, the second run would begin after phase one and miss the
    // rest of it: only resuming from the checkpoint's offsets and state gets the totals right.
    long afterPhaseOne = System.currentTimeMillis();
    produce(MESSAGES_PER_PHASE);
    pipeline = launch("second", afterPhaseOne);

    long total = 2L * MESSAGES_PER_PHASE;
    await("every event archived and bucketed", () -> archived() == 3 * total && sent() == total);
    assertThat(archivedAtKill).isLessThan(3 * total);
    assertThat(log()).contains("resuming from " + checkpoints);
    assertThat(bucketTotals()).isEqualTo(rawCounts()).isEqualTo(List.of(total, total, total / 2));
  }

  private void produce(int messages) {
    Properties props = new Properties();
    props.put("bootstrap.servers", Settings.get(Settings.KAFKA_BOOTSTRAP));
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    props.put("linger.ms", "20");
    Instant now = Instant.now();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < messages; i++) {
        UUID message = UUID.randomUUID();
        List<Event> facts = new ArrayList<>();
        facts.add(events.event(EventType.SENT, message, now));
        facts.add(events.event(EventType.DELIVERED, message, now.plusMillis(1)));
        facts.add(
            events.event(
                i % 2 == 0 ? EventType.OPENED : EventType.DEFERRED, message, now.plusMillis(2)));
        for (Event e : facts) {
          producer.send(
              new ProducerRecord<>(
                  Topics.EVENTS,
                  message.toString().getBytes(StandardCharsets.UTF_8),
                  WireCodec.EVENTS.encode(e)));
        }
      }
      producer.flush();
    }
  }

  private Process launch(String name, long startAt) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmOptionsFiles.arguments());
    command.add("-Xmx512m");
    // Flink's working directories go under java.io.tmpdir, and a killed JVM leaves them behind:
    // they stay in this test's own directory.
    command.add("-Djava.io.tmpdir=" + Files.createDirectories(work.resolve("tmp")));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RecoveryPipeline.class.getName());
    command.add(checkpoints.toString());
    command.add(events.tenant.toString());
    command.add(Long.toString(startAt));
    command.add(group);
    ProcessBuilder builder = new ProcessBuilder(command);
    for (String key :
        List.of(
            Settings.DB_URL, Settings.DB_USER, Settings.DB_PASSWORD, Settings.KAFKA_BOOTSTRAP)) {
      builder.environment().put(key, Settings.get(key));
    }
    Path log = work.resolve(name + ".log");
    return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** The newest checkpoint, read again if Flink deleted a subsumed one while it was listed. */
  private Optional<Path> newestCheckpoint() {
    while (true) {
      try {
        return RetainedCheckpoints.newest(checkpoints);
      } catch (UncheckedIOException subsumedMeanwhile) {
        Thread.onSpinWait();
      }
    }
  }

  private long archived() {
    return count("SELECT count(*) FROM events WHERE tenant_id = ?");
  }

  private long sent() {
    return count("SELECT coalesce(sum(sent), 0) FROM insight_buckets_hourly WHERE tenant_id = ?");
  }

  private List<Long> bucketTotals() {
    return List.of(
        sent(),
        count("SELECT sum(delivered) FROM insight_buckets_hourly WHERE tenant_id = ?"),
        count("SELECT sum(opens_unique) FROM insight_buckets_hourly WHERE tenant_id = ?"));
  }

  private List<Long> rawCounts() {
    return List.of(
        count("SELECT count(*) FROM events WHERE tenant_id = ? AND type = 'SENT'"),
        count("SELECT count(*) FROM events WHERE tenant_id = ? AND type = 'DELIVERED'"),
        count("SELECT count(*) FROM events WHERE tenant_id = ? AND type = 'OPENED'"));
  }

  private long count(String sql) {
    try (Connection c = TestDatabase.connect();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setObject(1, events.tenant);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void await(String what, BooleanSupplier condition) throws Exception {
    long deadline = System.currentTimeMillis() + DEADLINE.toMillis();
    while (!condition.getAsBoolean()) {
      if (!pipeline.isAlive()) {
        throw new AssertionError("the pipeline process exited while waiting for " + what + log());
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(
            "no "
                + what
                + " within "
                + DEADLINE
                + " (archived "
                + archived()
                + ", sent in buckets "
                + sent()
                + ")"
                + log());
      }
      Thread.sleep(200);
    }
  }

  private String log() throws IOException {
    try (var files = Files.list(work)) {
      StringBuilder text = new StringBuilder();
      for (Path p : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        text.append("\n--- ").append(p).append('\n').append(Files.readString(p));
      }
      return text.toString();
    }
  }
}
