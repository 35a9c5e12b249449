package dev.heron.jobs;

import dev.heron.events.Event;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.jobs.intake.EventIntake;
import dev.heron.jobs.intake.EventReader;
import dev.heron.jobs.intake.Incoming;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;

/** Bounded stand-ins for the Kafka source: the same records, read by the same reader. */
public final class BoundedSources {
  private BoundedSources() {}

  /** Each payload as if read from {@code heron.events} partition 0 at its index as offset. */
  public static Source<Incoming, ?, ?> ofPayloads(List<byte[]> payloads) {
    List<Incoming> records = new ArrayList<>();
    for (int i = 0; i < payloads.size(); i++) {
      records.add(
          EventReader.read(
              Topics.EVENTS, 0, i, ("key-" + i).getBytes(), payloads.get(i), Instant.now()));
    }
    TypeInformation<Incoming> type = TypeInformation.of(Incoming.class);
    return new DataGeneratorSource<>(
        new FromElementsGeneratorFunction<>(type, records.toArray(Incoming[]::new)),
        records.size(),
        type);
  }

  public static Source<Incoming, ?, ?> ofEvents(List<Event> events) {
    return ofPayloads(events.stream().map(WireCodec.EVENTS::encode).toList());
  }

  /**
   * An intake of these events as the jobs' tests read them: 5 s out of order allowed, a reader idle
   * after 10 s, dead letters collected.
   */
  public static EventIntake intake(List<Event> events) {
    return new EventIntake(
        ofEvents(events), new CollectingSink<>(), Duration.ofSeconds(5), Duration.ofSeconds(10));
  }
}
