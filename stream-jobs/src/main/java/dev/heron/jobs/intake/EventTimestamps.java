package dev.heron.jobs.intake;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time is the fact's {@code occurredAt}. An unreadable record has none, so it keeps the time
 * Kafka gave it and only travels to the dead-letter topic.
 */
public final class EventTimestamps implements SerializableTimestampAssigner<Incoming> {

  /** Bounded out-of-orderness, and idleness so that a quiet partition does not hold time back. */
  public static WatermarkStrategy<Incoming> strategy(Duration outOfOrderness, Duration idleness) {
    return WatermarkStrategy.<Incoming>forBoundedOutOfOrderness(outOfOrderness)
        .withTimestampAssigner(new EventTimestamps())
        .withIdleness(idleness);
  }

  @Override
  public long extractTimestamp(Incoming incoming, long recordTimestamp) {
    return incoming.isReadable() ? incoming.event().occurredAt().toEpochMilli() : recordTimestamp;
  }
}
