package dev.heron.jobs.intake;

import dev.heron.events.DeadLetter;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import java.time.Duration;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The real intake: {@code heron.events} from the broker of {@code HERON_KAFKA_BOOTSTRAP}. */
public final class KafkaEvents {
  /** The consumer group of the local pipeline; a job run on its own adds its name. */
  public static final String GROUP = "heron-stream-jobs";

  private KafkaEvents() {}

  public static EventIntake intake(String groupId, Duration outOfOrderness, Duration idleness) {
    return new EventIntake(source(groupId), deadLetterSink(), outOfOrderness, idleness);
  }

  /**
   * Offsets come from the checkpoint when the job restores one; otherwise from the group's
   * committed offsets, and from the earliest record on the very first start.
   */
  @SuppressWarnings("deprecation") // the connector still takes the client's OffsetResetStrategy
  public static KafkaSource<Incoming> source(String groupId) {
    return source(groupId, OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
  }

  /** A source that starts where {@code start} says when there is no checkpoint to restore. */
  public static KafkaSource<Incoming> source(String groupId, OffsetsInitializer start) {
    return KafkaSource.<Incoming>builder()
        .setBootstrapServers(Settings.get(Settings.KAFKA_BOOTSTRAP))
        .setTopics(Topics.EVENTS)
        .setGroupId(groupId)
        .setStartingOffsets(start)
        .setDeserializer(new EventDeserializer())
        .setProperty("partition.discovery.interval.ms", "10000")
        // Bigger fetches: fewer round trips per event when the pipeline is catching up.
        .setProperty("max.partition.fetch.bytes", Integer.toString(4 << 20))
        .setProperty("commit.offsets.on.checkpoint", "true")
        .build();
  }

  public static Sink<DeadLetter> deadLetterSink() {
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(Settings.get(Settings.KAFKA_BOOTSTRAP))
        .setRecordSerializer(new DeadLetterSerializer())
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
