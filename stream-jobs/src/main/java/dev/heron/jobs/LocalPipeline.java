package dev.heron.jobs;

import dev.heron.events.Event;
import dev.heron.events.Settings;
import dev.heron.jobs.abtest.AbTestJob;
import dev.heron.jobs.abtest.AbTestPlans;
import dev.heron.jobs.abtest.JdbcAbTestPlans;
import dev.heron.jobs.archive.ArchiveJob;
import dev.heron.jobs.insights.InsightRow;
import dev.heron.jobs.insights.InsightsJob;
import dev.heron.jobs.insights.InsightsSettings;
import dev.heron.jobs.intake.EventIntake;
import dev.heron.jobs.reputation.ReputationJob;
import dev.heron.jobs.reputation.ReputationSinks;
import dev.heron.jobs.sendtime.ContactZones;
import dev.heron.jobs.sendtime.JdbcContactZones;
import dev.heron.jobs.sendtime.SendTimeJob;
import dev.heron.jobs.suppression.SuppressionJob;
import dev.heron.jobs.warmup.JdbcWarmupPlans;
import dev.heron.jobs.warmup.WarmupGuardJob;
import dev.heron.jobs.warmup.WarmupPlans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every stream job in one Flink job on a local MiniCluster, for {@code bin/heron up}. The topic is
 * read once and the events go to each job. Checkpoints go to {@code $HERON_HOME/checkpoints} and
 * are kept when the process dies, and a start resumes from the newest of them: a kill -9 and a
 * restart lose no event and count none twice.
 */
public final class LocalPipeline {
  public static final String JOB_NAME = "heron-stream-jobs";
  private static final int CHECKPOINT_WRITE_BUFFER_BYTES = 64 * 1024;
  private static final Logger log = LoggerFactory.getLogger(LocalPipeline.class);

  private LocalPipeline() {}

  /** What the jobs look up in the database as they go. */
  public record Lookups(WarmupPlans warmupPlans, ContactZones contactZones, AbTestPlans abTests) {
    public static Lookups real() {
      return new Lookups(new JdbcWarmupPlans(), new JdbcContactZones(), new JdbcAbTestPlans());
    }
  }

  /** Wires every job onto one shared intake. */
  public static void wire(
      StreamExecutionEnvironment env,
      EventIntake intake,
      PipelineSinks sinks,
      Lookups lookups,
      InsightsSettings insightsSettings) {
    reuseObjects(env);
    DataStream<Event> events = intake.events(env);
    wireArchiveInsightsReputation(
        events, sinks.archive(), sinks.insights(), sinks.reputation(), insightsSettings);
    WarmupGuardJob.wire(events, lookups.warmupPlans(), sinks.warmup(), WarmupGuardJob.COALESCE);
    SuppressionJob.wire(events, sinks.suppression());
    SendTimeJob.wire(events, lookups.contactZones(), sinks.sendTime());
    AbTestJob.wire(events, lookups.abTests(), sinks.abTests(), sinks.abDecisions());
  }

  /**
   * The archive, Insights and Reputation on one intake (what the pipeline benchmark measures).
   * Reputation counts the campaign events Insights has already de-duplicated, rather than keeping a
   * second state per message and shuffling every outcome once more to de-duplicate it again.
   */
  public static void wireArchiveInsightsReputation(
      DataStream<Event> events,
      Sink<Event> archive,
      Sink<InsightRow> insights,
      ReputationSinks reputation,
      InsightsSettings insightsSettings) {
    ArchiveJob.wire(events, archive);
    DataStream<Event> firstSightings = InsightsJob.wire(events, insights, insightsSettings);
    ReputationJob.wire(events, firstSightings, reputation, ReputationJob.COALESCE);
  }

  /**
   * Operators chained together hand each other the same objects instead of deep copies. Safe here:
   * what flows between the jobs' functions are immutable records, and a function that keeps an
   * array in its state copies it first.
   */
  public static void reuseObjects(StreamExecutionEnvironment env) {
    env.configure(new Configuration().set(PipelineOptions.OBJECT_REUSE, true));
    env.getConfig().enableObjectReuse();
  }

  /** The MiniCluster's configuration: REST port, checkpoints, state backend, what to resume. */
  public static Configuration configuration(
      int restPort,
      Path checkpoints,
      Duration checkpointInterval,
      String stateBackend,
      Optional<Path> resumeFrom) {
    Configuration conf = new Configuration();
    conf.set(RestOptions.ADDRESS, "127.0.0.1");
    conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    conf.set(RestOptions.BIND_PORT, Integer.toString(restPort));
    conf.set(RestOptions.PORT, restPort);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
    conf.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    // A checkpoint of the heap state goes to its file in writes of this size: Flink's default,
    // 4 KB, made the writes a fifth of the checkpoint thread's time in the pipeline bench's
    // profile.
    conf.set(CheckpointingOptions.FS_WRITE_BUFFER_SIZE, CHECKPOINT_WRITE_BUFFER_BYTES);
    conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
    conf.set(PipelineOptions.OBJECT_REUSE, true);
    resumeFrom.ifPresent(
        checkpoint -> {
          conf.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toUri().toString());
          // Flink owns the restored checkpoint and deletes it once a newer one replaces it.
          conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.CLAIM);
          // A job added since the checkpoint starts empty; a job removed since leaves its state.
          conf.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
        });
    return conf;
  }

  public static void main(String[] args) throws Exception {
    Path checkpoints = Settings.home("checkpoints").toAbsolutePath();
    RetainedCheckpoints.pruneEmptyJobs(checkpoints);
    RetainedCheckpoints.pruneOlderRuns(checkpoints, 2);
    Optional<Path> resumeFrom = RetainedCheckpoints.newest(checkpoints);
    int port = JobSettings.getInt(JobSettings.FLINK_PORT);
    log.info(
        "stream jobs on port {}, checkpoints in {}, {}",
        port,
        checkpoints,
        resumeFrom.map(p -> "resuming from " + p).orElse("starting fresh"));
    Configuration conf =
        configuration(
            port,
            checkpoints,
            Duration.ofMillis(JobSettings.getInt(Settings.CHECKPOINT_INTERVAL_MS)),
            JobSettings.stateBackend(),
            resumeFrom);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(
            JobSettings.getInt(JobSettings.PARALLELISM), conf);
    wire(
        env,
        JobSettings.pipelineIntake(),
        PipelineSinks.real(),
        Lookups.real(),
        InsightsSettings.defaults());
    env.execute(JOB_NAME);
  }
}
