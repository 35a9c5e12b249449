package dev.heron.jobs.intake;

import dev.heron.events.Event;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by message id: lets each event id through once. Producers retry and Kafka replays, so every
 * job that counts de-duplicates first; keying by message keeps each map small.
 */
public final class DuplicateFilter extends KeyedProcessFunction<String, Event, Event> {
  private final Duration remember;
  private transient MapState<String, Boolean> seen;

  /**
   * @param remember how long an event id is remembered
   */
  public DuplicateFilter(Duration remember) {
    this.remember = remember;
  }

  @Override
  public void open(OpenContext openContext) {
    MapStateDescriptor<String, Boolean> descriptor =
        new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
    descriptor.enableTimeToLive(
        StateTtlConfig.newBuilder(remember)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .build());
    seen = getRuntimeContext().getMapState(descriptor);
  }

  @Override
  public void processElement(Event event, Context ctx, Collector<Event> out) throws Exception {
    String id = event.eventId().toString();
    if (!seen.contains(id)) {
      seen.put(id, Boolean.TRUE);
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
