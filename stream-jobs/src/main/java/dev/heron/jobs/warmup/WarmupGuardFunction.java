package dev.heron.jobs.warmup;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.WarmupState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per sending IP (keyed by IP): today's schedule day and cap, what was sent, bounced and complained
 * about today, and the pause rule. A pause is published at once; other changes are coalesced. A new
 * UTC day (by event time) starts the counts over and moves the schedule on, unless the IP spent the
 * day paused: then it resumes at the same volume.
 */
public final class WarmupGuardFunction extends KeyedProcessFunction<String, Event, WarmupState> {
  private static final long END_OF_TIME = Long.MAX_VALUE;
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  private final WarmupPlans plans;
  private final WarmupRules.Thresholds limits;
  private final long coalesceMillis;
  private final long recheckMillis;

  private transient ValueState<WarmupDay> today;
  private transient ValueState<long[]> schedule;
  private transient ValueState<Boolean> changed;
  private transient ValueState<Long> notWarmingUntil;

  /**
   * @param recheck how long an IP found without a warmup is taken to have none before asking again
   */
  public WarmupGuardFunction(
      WarmupPlans plans, WarmupRules.Thresholds limits, Duration coalesce, Duration recheck) {
    this.plans = plans;
    this.limits = limits;
    this.coalesceMillis = coalesce.toMillis();
    this.recheckMillis = recheck.toMillis();
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    today =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("warmup-day", TypeInformation.of(WarmupDay.class)));
    schedule =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "warmup-schedule", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    changed = getRuntimeContext().getState(new ValueStateDescriptor<>("changed", Types.BOOLEAN));
    notWarmingUntil =
        getRuntimeContext().getState(new ValueStateDescriptor<>("not-warming-until", Types.LONG));
    plans.open();
  }

  @Override
  public void close() throws Exception {
    plans.close();
  }

  @Override
  public void processElement(Event event, Context ctx, Collector<WarmupState> out)
      throws Exception {
    long at = event.occurredAt().toEpochMilli();
    LocalDate eventDay = LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
    WarmupDay day = today.value();
    if (day == null) {
      day = start(ctx, eventDay, at);
      if (day == null) {
        return;
      }
    }
    if (eventDay.isBefore(day.day())) {
      return; // a late event of a day already closed
    }
    if (eventDay.isAfter(day.day())) {
      day = day.nextDay(eventDay, WarmupPlan.decode(schedule.value()), at);
      ctx.timerService().registerEventTimeTimer(nextMidnight(eventDay));
    }
    boolean wasPaused = day.paused();
    day =
        day.count(
            event.type() == EventType.SENT ? 1 : 0,
            event.type() == EventType.BOUNCED ? 1 : 0,
            event.type() == EventType.COMPLAINED ? 1 : 0,
            limits,
            at);
    today.update(day);
    if ((day.paused() && !wasPaused) || coalesceMillis <= 0) {
      // The senders must stop sending from this IP now, not in a second.
      changed.clear();
      out.collect(day.toState());
      return;
    }
    changed.update(true);
    long now = ctx.timerService().currentProcessingTime();
    ctx.timerService().registerProcessingTimeTimer(now - now % coalesceMillis + coalesceMillis);
    ctx.timerService().registerEventTimeTimer(END_OF_TIME);
  }

  private WarmupDay start(Context ctx, LocalDate eventDay, long at) throws Exception {
    long now = ctx.timerService().currentProcessingTime();
    Long until = notWarmingUntil.value();
    if (until != null && now < until) {
      return null;
    }
    Optional<WarmupPlan> plan = plans.find(ctx.getCurrentKey());
    if (plan.isEmpty()) {
      notWarmingUntil.update(now + recheckMillis);
      return null;
    }
    notWarmingUntil.clear();
    schedule.update(WarmupPlan.encode(plan.get().schedule()));
    ctx.timerService().registerEventTimeTimer(nextMidnight(eventDay));
    return WarmupDay.start(ctx.getCurrentKey(), plan.get(), eventDay, at);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<WarmupState> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      ctx.timerService().deleteEventTimeTimer(END_OF_TIME);
      emitChange(out);
    } else if (timestamp == END_OF_TIME || ctx.timerService().currentWatermark() == END_OF_TIME) {
      // The end of a bounded input: report what changed; days no longer pass.
      emitChange(out);
    } else {
      startDay(LocalDate.ofEpochDay(Math.floorDiv(timestamp, DAY_MILLIS)), timestamp, ctx, out);
    }
  }

  /** Midnight passed: a new day, with the plan read again in case its schedule changed. */
  private void startDay(LocalDate day, long at, OnTimerContext ctx, Collector<WarmupState> out)
      throws Exception {
    WarmupDay current = today.value();
    if (current == null || !day.isAfter(current.day())) {
      return;
    }
    Optional<WarmupPlan> plan = plans.find(ctx.getCurrentKey());
    if (plan.isEmpty()) {
      // The warmup was removed: say so, so that the senders stop applying its cap.
      out.collect(
          new WarmupState(
              current.ip(),
              day,
              0,
              WarmupState.UNLIMITED,
              0,
              false,
              null,
              Instant.ofEpochMilli(at)));
      today.clear();
      schedule.clear();
      changed.clear();
      return;
    }
    schedule.update(WarmupPlan.encode(plan.get().schedule()));
    WarmupDay next = current.nextDay(day, plan.get().schedule(), at);
    today.update(next);
    changed.clear();
    out.collect(next.toState());
    ctx.timerService().registerEventTimeTimer(nextMidnight(day));
  }

  private void emitChange(Collector<WarmupState> out) throws Exception {
    if (Boolean.TRUE.equals(changed.value())) {
      changed.clear();
      out.collect(today.value().toState());
    }
  }

  private static long nextMidnight(LocalDate day) {
    return day.plusDays(1).toEpochDay() * DAY_MILLIS;
  }
}
