package dev.heron.jobs.suppression;

import dev.heron.events.Event;
import dev.heron.jobs.JobSettings;
import dev.heron.jobs.intake.EventIntake;
import dev.heron.jobs.storage.JdbcSinks;
import dev.heron.jobs.storage.JobQueries;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Hard bounces on the address, complaints and unsubscribes into the tenant-wide {@code
 * suppression_list}. The insert keeps the first entry for an address, so it needs no state and a
 * replay changes nothing.
 */
public final class SuppressionJob {
  private final EventIntake intake;
  private final Sink<Suppression> table;

  public SuppressionJob(EventIntake intake, Sink<Suppression> table) {
    this.intake = intake;
    this.table = table;
  }

  public void build(StreamExecutionEnvironment env) {
    wire(intake.events(env), table);
  }

  /** The job's part after the intake, for a pipeline that shares one intake between jobs. */
  public static void wire(DataStream<Event> events, Sink<Suppression> table) {
    events
        .flatMap(new ToSuppression())
        .name("suppressing-events")
        .uid("suppression-events")
        .sinkTo(table)
        .name("suppression_list")
        .uid("suppression-sink");
  }

  public static Sink<Suppression> tableSink() {
    return JdbcSinks.batched(
        JobQueries.load().get(JobQueries.INSERT_SUPPRESSION),
        new SuppressionBinder(),
        JdbcSinks.Batching.upserts());
  }

  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobSettings.configureCheckpoints(env, "suppression");
    new SuppressionJob(JobSettings.kafkaIntake("suppression"), tableSink()).build(env);
    env.execute("heron-suppression");
  }
}
