package dev.heron.jobs;

import dev.heron.events.Event;
import dev.heron.jobs.archive.ArchiveJob;
import dev.heron.jobs.insights.InsightsJob;
import dev.heron.jobs.insights.InsightsSettings;
import dev.heron.jobs.intake.EventIntake;
import dev.heron.jobs.intake.KafkaEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The local pipeline's archive and insights, run as its own process by {@link RecoveryTest} so that
 * the test can kill it. It is configured and resumed exactly as {@link LocalPipeline} is, and only
 * looks at the test's tenant so that it leaves other tests' rows alone.
 *
 * <p>Arguments: checkpoint directory, tenant id, start time (epoch ms), consumer group.
 */
public final class RecoveryPipeline {
  public static void main(String[] args) throws Exception {
    Path checkpoints = Path.of(args[0]);
    String tenant = args[1];
    long start = Long.parseLong(args[2]);
    RetainedCheckpoints.pruneEmptyJobs(checkpoints);
    Optional<Path> resume = RetainedCheckpoints.newest(checkpoints);
    System.out.println("resuming from " + resume.map(Path::toString).orElse("nothing"));
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(
            2,
            LocalPipeline.configuration(0, checkpoints, Duration.ofMillis(500), "hashmap", resume));
    EventIntake intake =
        new EventIntake(
            KafkaEvents.source(args[3], OffsetsInitializer.timestamp(start)),
            KafkaEvents.deadLetterSink(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(1));
    DataStream<Event> events =
        intake.events(env).filter(new OfTenant(tenant)).name("test-tenant").uid("test-tenant");
    ArchiveJob.wire(events, ArchiveJob.tableSink());
    InsightsJob.wire(events, InsightsJob.tableSink(), InsightsSettings.defaults());
    env.execute("recovery-test");
  }

  static final class OfTenant implements FilterFunction<Event> {
    private final String tenant;

    OfTenant(String tenant) {
      this.tenant = tenant;
    }

    @Override
    public boolean filter(Event event) {
      return event.tenantId().toString().equals(tenant);
    }
  }

  private RecoveryPipeline() {}
}
