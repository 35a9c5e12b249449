package dev.heron.jobs.sendtime;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per tenant: the decayed hour-of-week histogram of all its contacts' engagement, published every
 * {@code coalesce} while it changes (it moves slowly; contacts read the latest).
 */
public final class TenantPriorFunction
    extends KeyedProcessFunction<String, Engagement, TenantPrior> {
  private static final long END_OF_TIME = Long.MAX_VALUE;

  private final long coalesceMillis;
  private transient ValueState<DecayedHistogram> population;

  public TenantPriorFunction(Duration coalesce) {
    this.coalesceMillis = Math.max(1, coalesce.toMillis());
  }

  @Override
  public void open(OpenContext openContext) {
    population =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "population", TypeInformation.of(DecayedHistogram.class)));
  }

  @Override
  public void processElement(Engagement e, Context ctx, Collector<TenantPrior> out)
      throws Exception {
    population.update(
        SendTimeRules.observe(population.value(), e.hourOfWeek(), e.occurredAtMillis()));
    long now = ctx.timerService().currentProcessingTime();
    ctx.timerService().registerProcessingTimeTimer(now - now % coalesceMillis + coalesceMillis);
    ctx.timerService().registerEventTimeTimer(END_OF_TIME);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TenantPrior> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      ctx.timerService().deleteEventTimeTimer(END_OF_TIME);
    }
    out.collect(new TenantPrior(ctx.getCurrentKey(), population.value()));
  }
}
