package dev.heron.jobs.insights;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.intake.SeenEventIds;
import dev.heron.jobs.intake.StateTtl;
import dev.heron.jobs.types.SingletonTypeInfo;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Per message (keyed by message id, as two longs): drops events already seen (same event id),
 * remembers the message's first human open and first click, and turns each new event into bucket
 * changes with {@link InsightRules#apply}. Each new event also goes to the {@link #FIRST_SIGHTINGS}
 * side output, so that another job counting campaign events (Reputation) need not keep a second
 * de-duplication state per message.
 */
public final class MessageEngagementFunction
    extends KeyedProcessFunction<UUID, Event, BucketDelta> {
  /** Every event of the input the first time its event id is seen. */
  public static final OutputTag<Event> FIRST_SIGHTINGS =
      new OutputTag<>("first-sightings", SingletonTypeInfo.EVENT);

  private final Duration seenEventsTtl;
  private final Duration firstTouchTtl;

  private transient SeenEventIds seenEvents;
  private transient ValueState<FirstTouch> firstOpen;
  private transient ValueState<FirstTouch> firstClick;

  /**
   * @param seenEventsTtl how long an event id is remembered for de-duplication
   * @param firstTouchTtl how long a message's first open and click are remembered; a touch after
   *     that would count as unique again, so this is long (the archive's retention)
   */
  public MessageEngagementFunction(Duration seenEventsTtl, Duration firstTouchTtl) {
    this.seenEventsTtl = seenEventsTtl;
    this.firstTouchTtl = firstTouchTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    seenEvents = SeenEventIds.register(getRuntimeContext(), "seen-event-ids-packed", seenEventsTtl);
    firstOpen = getRuntimeContext().getState(firstTouch("first-open"));
    firstClick = getRuntimeContext().getState(firstTouch("first-click"));
  }

  @Override
  public void processElement(Event event, Context ctx, Collector<BucketDelta> out)
      throws Exception {
    if (!seenEvents.firstTime(event.eventId())) {
      return;
    }
    ctx.output(FIRST_SIGHTINGS, event);
    Optional<BucketKey> bucket = InsightRules.bucketOf(event);
    if (bucket.isEmpty()) {
      return;
    }
    // The first touches bear only on human opens and clicks; other events leave them unread, as
    // every state access costs an expiry check.
    boolean open = event.isHumanOpen();
    boolean click = event.type() == EventType.CLICKED;
    FirstTouch openBefore = open ? firstOpen.value() : null;
    FirstTouch clickBefore = click ? firstClick.value() : null;
    InsightRules.Outcome outcome = InsightRules.apply(event, bucket.get(), openBefore, clickBefore);
    if (outcome.firstOpen() != openBefore) {
      firstOpen.update(outcome.firstOpen());
    }
    if (outcome.firstClick() != clickBefore) {
      firstClick.update(outcome.firstClick());
    }
    outcome.deltas().forEach(out::collect);
  }

  private ValueStateDescriptor<FirstTouch> firstTouch(String name) {
    ValueStateDescriptor<FirstTouch> descriptor =
        new ValueStateDescriptor<>(name, FirstTouchSerializer.INSTANCE);
    descriptor.enableTimeToLive(StateTtl.afterLastWrite(firstTouchTtl));
    return descriptor;
  }
}
