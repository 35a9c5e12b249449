package dev.heron.jobs.abtest;

import dev.heron.events.AbTestDecision;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per campaign with a running A/B test: each variant's sends and successes of the test's metric;
 * the winner as soon as {@link AbTestRules#earlyWinner} finds one (checked a second after changes)
 * or, failing that, when event time passes the test window ({@link AbTestRules#windowWinner}).
 */
public final class AbTestFunction extends KeyedProcessFunction<String, VariantTouch, AbDecision> {
  private static final long END_OF_TIME = Long.MAX_VALUE;
  private static final List<String> KINDS =
      List.of(VariantTouch.SENT, "opens", "clicks", "conversions");

  private final AbTestPlans plans;
  private final long coalesceMillis;
  private final long recheckMillis;

  private transient ValueState<AbTestPlan> plan;
  private transient ValueState<Long> noTestUntil;
  private transient MapState<String, long[]> tallies;
  private transient ValueState<Long> newest;
  private transient ValueState<Boolean> decided;

  public AbTestFunction(AbTestPlans plans, Duration coalesce, Duration recheck) {
    this.plans = plans;
    this.coalesceMillis = Math.max(1, coalesce.toMillis());
    this.recheckMillis = recheck.toMillis();
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    plan =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("plan", TypeInformation.of(AbTestPlan.class)));
    noTestUntil =
        getRuntimeContext().getState(new ValueStateDescriptor<>("no-test-until", Types.LONG));
    tallies =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "variant-tallies",
                    Types.STRING,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    newest = getRuntimeContext().getState(new ValueStateDescriptor<>("newest", Types.LONG));
    decided = getRuntimeContext().getState(new ValueStateDescriptor<>("decided", Types.BOOLEAN));
    plans.open();
  }

  @Override
  public void close() throws Exception {
    plans.close();
  }

  @Override
  public void processElement(VariantTouch touch, Context ctx, Collector<AbDecision> out)
      throws Exception {
    if (Boolean.TRUE.equals(decided.value()) || resolve(ctx) == null) {
      return;
    }
    long[] tally = tallies.get(touch.variant());
    if (tally == null) {
      tally = new long[KINDS.size()];
    }
    tally[KINDS.indexOf(touch.kind())]++;
    tallies.put(touch.variant(), tally);
    newest.update(Math.max(touch.occurredAtMillis(), newest.value() == null ? 0 : newest.value()));
    long now = ctx.timerService().currentProcessingTime();
    ctx.timerService().registerProcessingTimeTimer(now - now % coalesceMillis + coalesceMillis);
    ctx.timerService().registerEventTimeTimer(END_OF_TIME);
  }

  /** The campaign's running test, read once; null when it has none (asked again later). */
  private AbTestPlan resolve(Context ctx) throws Exception {
    AbTestPlan known = plan.value();
    if (known != null) {
      return known;
    }
    long now = ctx.timerService().currentProcessingTime();
    if (noTestUntil.value() != null && now < noTestUntil.value()) {
      return null;
    }
    Optional<AbTestPlan> found = plans.find(ctx.getCurrentKey());
    if (found.isEmpty() || found.get().decided()) {
      noTestUntil.update(now + recheckMillis);
      return null;
    }
    noTestUntil.clear();
    plan.update(found.get());
    if (found.get().windowEndsAtMillis() > 0) {
      ctx.timerService().registerEventTimeTimer(found.get().windowEndsAtMillis());
    }
    return found.get();
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<AbDecision> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      ctx.timerService().deleteEventTimeTimer(END_OF_TIME);
    }
    AbTestPlan test = plan.value();
    if (test == null || Boolean.TRUE.equals(decided.value())) {
      return;
    }
    List<AbTestRules.VariantTally> variants = variants(test.metric());
    boolean windowEnded =
        ctx.timeDomain() == TimeDomain.EVENT_TIME && timestamp == test.windowEndsAtMillis();
    Optional<AbTestRules.Verdict> verdict =
        windowEnded ? AbTestRules.windowWinner(variants) : AbTestRules.earlyWinner(variants);
    if (verdict.isPresent()) {
      long at = windowEnded ? timestamp : newest.value();
      out.collect(new AbDecision(published(test, ctx.getCurrentKey(), verdict.get(), at)));
      decided.update(true);
      tallies.clear();
      plan.clear();
    }
  }

  private List<AbTestRules.VariantTally> variants(String metric) throws Exception {
    int successes = KINDS.indexOf(metric);
    List<AbTestRules.VariantTally> variants = new ArrayList<>();
    for (Map.Entry<String, long[]> e : tallies.entries()) {
      variants.add(
          new AbTestRules.VariantTally(e.getKey(), e.getValue()[0], e.getValue()[successes]));
    }
    return variants;
  }

  private static AbTestDecision published(
      AbTestPlan test, String campaignId, AbTestRules.Verdict verdict, long atMillis) {
    List<AbTestDecision.VariantResult> variants = new ArrayList<>();
    for (AbTestRules.VariantTally v : verdict.variants()) {
      variants.add(
          new AbTestDecision.VariantResult(v.variant(), v.sent(), v.successes(), v.rate()));
    }
    return new AbTestDecision(
        test.testId(),
        campaignId,
        test.metric(),
        verdict.winner(),
        verdict.reason(),
        verdict.z(),
        Instant.ofEpochMilli(atMillis),
        variants);
  }
}
