package dev.heron.jobs.archive;

import dev.heron.events.Event;
import dev.heron.jobs.JobSettings;
import dev.heron.jobs.intake.EventIntake;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Every event of {@code heron.events} into the {@code events} hypertable, in batches. The insert
 * ignores an event already archived, so a replay archives nothing twice.
 */
public final class ArchiveJob {
  private final EventIntake intake;
  private final Sink<Event> archive;

  public ArchiveJob(EventIntake intake, Sink<Event> archive) {
    this.intake = intake;
    this.archive = archive;
  }

  public void build(StreamExecutionEnvironment env) {
    wire(intake.events(env), archive);
  }

  /** The job's part after the intake, for a pipeline that shares one intake between jobs. */
  public static void wire(DataStream<Event> events, Sink<Event> archive) {
    events.sinkTo(archive).name("events-hypertable").uid("archive-sink");
  }

  /** The batched, idempotent sink into the {@code events} hypertable: COPY through staging. */
  public static Sink<Event> tableSink() {
    return CopyArchiveSink.standard();
  }

  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobSettings.configureCheckpoints(env, "archive");
    new ArchiveJob(JobSettings.kafkaIntake("archive"), tableSink()).build(env);
    env.execute("heron-archive");
  }
}
