package dev.heron.jobs.intake;

import dev.heron.events.Event;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by message id: lets each event id through once. Producers retry and Kafka replays, so every
 * job that counts de-duplicates first; keying by message keeps each message's ids small.
 */
public final class DuplicateFilter extends KeyedProcessFunction<String, Event, Event> {
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

  /** The message id an event is keyed by for de-duplication. */
  public static final class ByMessage
      implements org.apache.flink.api.java.functions.KeySelector<Event, String> {
    @Override
    public String getKey(Event event) {
      return event.messageId().toString();
    }
  }
}
