package dev.heron.jobs.intake;

import dev.heron.events.Event;
import dev.heron.jobs.types.SingletonTypeInfo;
import java.time.Duration;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by message id: lets each event id through once. Producers retry and Kafka replays, so every
 * job that counts de-duplicates first; keying by message keeps each message's ids small.
 */
public final class DuplicateFilter extends KeyedProcessFunction<UUID, Event, Event> {
  private final Duration remember;
  private transient SeenEventIds seen;

  /**
   * @param remember how long a message's event ids are remembered after its last new event
   */
  public DuplicateFilter(Duration remember) {
    this.remember = remember;
  }

  @Override
  public void open(OpenContext openContext) {
    seen = SeenEventIds.register(getRuntimeContext(), "seen-event-ids-packed", remember);
  }

  @Override
  public void processElement(Event event, Context ctx, Collector<Event> out) throws Exception {
    if (seen.firstTime(event.eventId())) {
      out.collect(event);
    }
  }

  /**
   * The message id an event is keyed by for de-duplication, as it is (two longs, {@link #KEY}): a
   * key is written into every checkpoint with its state, and its 36-character text cost more to
   * make, hash and write than the ids it guards. Flink does not migrate keys: a checkpoint taken
   * while these operators were keyed by the text does not restore into them.
   */
  public static final class ByMessage implements KeySelector<Event, UUID> {
    @Override
    public UUID getKey(Event event) {
      return event.messageId();
    }
  }

  /** The type of {@link ByMessage}'s key, with its sixteen-byte serializer. */
  public static final TypeInformation<UUID> KEY = SingletonTypeInfo.UUID;
}
