package dev.heron.jobs.insights;

import dev.heron.jobs.intake.StateTtl;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per bucket: keeps the bucket's absolute totals and emits the whole row. Changes are coalesced for
 * a short processing-time interval so that a busy bucket is written a few times a second, not once
 * per event; a late event simply changes its bucket's totals and the row is written again.
 */
public final class BucketTotalsFunction
    extends KeyedProcessFunction<BucketKey, BucketDelta, InsightRow> {
  private static final long END_OF_TIME = Long.MAX_VALUE;

  private final long coalesceMillis;
  private final Duration bucketTtl;

  private transient ValueState<long[]> totals;

  /**
   * @param coalesce how long changes gather before the row is emitted; zero emits every change
   * @param bucketTtl how long a bucket's totals are kept after its last change; an event later than
   *     that would restart the bucket from zero, so it is longer than any lateness Heron expects
   */
  public BucketTotalsFunction(Duration coalesce, Duration bucketTtl) {
    this.coalesceMillis = coalesce.toMillis();
    this.bucketTtl = bucketTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    ValueStateDescriptor<long[]> descriptor =
        new ValueStateDescriptor<>(
            "bucket-totals", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    descriptor.enableTimeToLive(StateTtl.afterLastWrite(bucketTtl));
    totals = getRuntimeContext().getState(descriptor);
  }

  @Override
  public void processElement(BucketDelta delta, Context ctx, Collector<InsightRow> out)
      throws Exception {
    long[] current = totals.value();
    long[] updated =
        InsightRules.addTo(current == null ? Counter.zeros() : current, delta.counts());
    totals.update(updated);
    if (coalesceMillis <= 0) {
      out.collect(new InsightRow(ctx.getCurrentKey(), updated.clone()));
      return;
    }
    // Timers on the same timestamp are one timer, so aligning them coalesces without a flag.
    long now = ctx.timerService().currentProcessingTime();
    ctx.timerService().registerProcessingTimeTimer(now - now % coalesceMillis + coalesceMillis);
    // The end of a bounded input moves event time to its end but drops pending processing-time
    // timers; this event-time twin flushes the row then, and is deleted with each regular flush.
    ctx.timerService().registerEventTimeTimer(END_OF_TIME);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<InsightRow> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      ctx.timerService().deleteEventTimeTimer(END_OF_TIME);
    }
    long[] current = totals.value();
    if (current != null) {
      out.collect(new InsightRow(ctx.getCurrentKey(), current.clone()));
    }
  }
}
