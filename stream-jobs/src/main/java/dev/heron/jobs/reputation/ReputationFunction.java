package dev.heron.jobs.reputation;

import dev.heron.events.Event;
import dev.heron.events.IpScore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per {@code ip|provider}: outcome counts in hour sub-buckets over a rolling 24 hours, and the
 * score of {@link ReputationRules}. The score is stamped with the newest event time it includes, so
 * a replay produces the same snapshots; changes are coalesced for a short processing-time interval,
 * like the insight buckets.
 */
public final class ReputationFunction extends KeyedProcessFunction<String, Event, IpScore> {
  private static final long END_OF_TIME = Long.MAX_VALUE;

  private final long coalesceMillis;
  private final ReputationRules.Prior prior;

  private transient MapState<Long, long[]> hours;
  private transient ValueState<Long> newest;
  private transient ValueState<Boolean> changed;

  public ReputationFunction(Duration coalesce, ReputationRules.Prior prior) {
    this.coalesceMillis = coalesce.toMillis();
    this.prior = prior;
  }

  @Override
  public void open(OpenContext openContext) {
    hours =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "outcomes-by-hour",
                    Types.LONG,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    newest = getRuntimeContext().getState(new ValueStateDescriptor<>("newest-event", Types.LONG));
    changed = getRuntimeContext().getState(new ValueStateDescriptor<>("changed", Types.BOOLEAN));
  }

  @Override
  public void processElement(Event event, Context ctx, Collector<IpScore> out) throws Exception {
    long at = event.occurredAt().toEpochMilli();
    long latest = Math.max(at, newest.value() == null ? Long.MIN_VALUE : newest.value());
    long hour = ReputationRules.hourOf(at);
    if (!ReputationRules.inWindow(hour, latest)) {
      return; // older than the window: it no longer bears on the score
    }
    long[] counts = hours.get(hour);
    if (counts == null) {
      counts = new long[ReputationRules.SIZE];
    }
    counts[ReputationRules.outcomeOf(event)]++;
    hours.put(hour, counts);
    newest.update(latest);
    changed.update(true);
    // The hour leaves the window a day later: an event-time timer drops it then.
    ctx.timerService().registerEventTimeTimer(hour + ReputationRules.WINDOW.toMillis());
    if (coalesceMillis <= 0) {
      emitChange(ctx.getCurrentKey(), out);
      return;
    }
    long now = ctx.timerService().currentProcessingTime();
    ctx.timerService().registerProcessingTimeTimer(now - now % coalesceMillis + coalesceMillis);
    ctx.timerService().registerEventTimeTimer(END_OF_TIME);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<IpScore> out) throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      ctx.timerService().deleteEventTimeTimer(END_OF_TIME);
      emitChange(ctx.getCurrentKey(), out);
    } else if (timestamp == END_OF_TIME || ctx.timerService().currentWatermark() == END_OF_TIME) {
      // The end of a bounded input: report what changed, the window no longer moves.
      emitChange(ctx.getCurrentKey(), out);
    } else {
      slideTo(timestamp, ctx.getCurrentKey(), out);
    }
  }

  /** An hour left the window: drop it, and report the score without it. */
  private void slideTo(long windowEnd, String key, Collector<IpScore> out) throws Exception {
    List<Long> expired = new ArrayList<>();
    for (Long hour : hours.keys()) {
      if (!ReputationRules.inWindow(hour, windowEnd)) {
        expired.add(hour);
      }
    }
    for (Long hour : expired) {
      hours.remove(hour);
    }
    if (hours.isEmpty()) {
      hours.clear();
      newest.clear();
      changed.clear();
      return;
    }
    emit(key, Math.max(windowEnd, newest.value()), out);
  }

  private void emitChange(String key, Collector<IpScore> out) throws Exception {
    if (Boolean.TRUE.equals(changed.value())) {
      changed.clear();
      emit(key, newest.value(), out);
    }
  }

  private void emit(String key, long windowEnd, Collector<IpScore> out) throws Exception {
    long[] totals = ReputationRules.windowTotals(hours.entries(), windowEnd);
    out.collect(ReputationRules.score(key, Instant.ofEpochMilli(windowEnd), totals, prior));
  }
}
