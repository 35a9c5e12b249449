package dev.heron.jobs;

import dev.heron.events.Settings;
import dev.heron.jobs.intake.EventIntake;
import dev.heron.jobs.intake.KafkaEvents;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The stream jobs' settings. Every key is declared with its default in {@link Settings}; the names
 * here are the ones the jobs read.
 */
public final class JobSettings {
  /** The REST port of the local MiniCluster ({@code GET /jobs/overview}). */
  public static final String FLINK_PORT = Settings.FLINK_PORT;

  public static final String OUT_OF_ORDERNESS_MS = Settings.EVENTS_OUT_OF_ORDERNESS_MS;
  public static final String IDLENESS_MS = Settings.EVENTS_IDLENESS_MS;
  public static final String STATE_BACKEND = Settings.STATE_BACKEND;
  public static final String PARALLELISM = Settings.FLINK_PARALLELISM;
  public static final String GROUP = Settings.JOBS_GROUP;
  public static final String START_AT = Settings.JOBS_START_AT;

  private JobSettings() {}

  public static String get(String key) {
    return Settings.get(key);
  }

  public static int getInt(String key) {
    String value = get(key);
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
    }
  }

  private static long epochMillis(String key, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key + " must be empty or epoch milliseconds, was '" + value + "'", e);
    }
  }

  public static Duration millis(String key) {
    return Duration.ofMillis(getInt(key));
  }

  public static String stateBackend() {
    String backend = get(STATE_BACKEND).trim().toLowerCase(java.util.Locale.ROOT);
    if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
      throw new IllegalArgumentException(
          STATE_BACKEND + " must be hashmap or rocksdb, was '" + backend + "'");
    }
    return backend;
  }

  /** The Kafka intake of the whole pipeline, locally or on a cluster. */
  @SuppressWarnings("deprecation") // the connector still takes the client's OffsetResetStrategy
  public static EventIntake pipelineIntake() {
    String startAt = get(START_AT).trim();
    OffsetsInitializer start =
        startAt.isEmpty()
            ? OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST)
            : OffsetsInitializer.timestamp(epochMillis(START_AT, startAt));
    return new EventIntake(
        KafkaEvents.source(get(GROUP), start),
        KafkaEvents.deadLetterSink(),
        millis(OUT_OF_ORDERNESS_MS),
        millis(IDLENESS_MS));
  }

  /** The Kafka intake of a job run on its own, in its own consumer group. */
  public static EventIntake kafkaIntake(String jobName) {
    return KafkaEvents.intake(
        KafkaEvents.GROUP + "-" + jobName, millis(OUT_OF_ORDERNESS_MS), millis(IDLENESS_MS));
  }

  /**
   * Checkpointing for job {@code jobName} run on its own (its {@code main}). Submitted to a
   * cluster, the cluster's configuration decides the storage. On a local MiniCluster of its own, as
   * the benchmarks run it, checkpoints go to files under {@code $HERON_HOME/job-checkpoints/<job>}
   * (apart from the local pipeline's, which it resumes from). Flink's default there keeps them in
   * the JobManager's memory, which refuses a state over 5 MB; a job that first reads a long-used
   * stack's history holds more. A run does not resume from them: of earlier runs' directories, the
   * newest two stay (one may still be running), the rest go.
   */
  public static void configureCheckpoints(StreamExecutionEnvironment env, String jobName) {
    env.enableCheckpointing(getInt(Settings.CHECKPOINT_INTERVAL_MS));
    if (env instanceof LocalStreamEnvironment) {
      Path directory = Settings.home("job-checkpoints").resolve(jobName).toAbsolutePath();
      RetainedCheckpoints.pruneOlderRuns(directory, 2);
      env.configure(
          new Configuration()
              .set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem")
              .set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory.toUri().toString()));
    }
  }
}
