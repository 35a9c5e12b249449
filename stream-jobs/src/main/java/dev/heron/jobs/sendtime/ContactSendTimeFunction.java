package dev.heron.jobs.sendtime;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per contact (key {@code tenant|contact}): the contact's decayed histogram, smoothed toward its
 * tenant's population (broadcast to every instance), into best hours and a confidence. A snapshot
 * is written a few seconds after the contact's engagement changes, stamped with the newest event
 * time it includes.
 */
public final class ContactSendTimeFunction
    extends KeyedBroadcastProcessFunction<String, Engagement, TenantPrior, ContactSendTime> {
  /** The tenants' population histograms, by tenant id. */
  public static final MapStateDescriptor<String, DecayedHistogram> PRIORS =
      new MapStateDescriptor<>(
          "tenant-priors", Types.STRING, TypeInformation.of(DecayedHistogram.class));

  private static final long END_OF_TIME = Long.MAX_VALUE;

  private final long coalesceMillis;
  private transient ValueState<DecayedHistogram> histogram;
  private transient ValueState<Boolean> changed;

  public ContactSendTimeFunction(Duration coalesce) {
    this.coalesceMillis = Math.max(1, coalesce.toMillis());
  }

  @Override
  public void open(OpenContext openContext) {
    histogram =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("contact", TypeInformation.of(DecayedHistogram.class)));
    changed = getRuntimeContext().getState(new ValueStateDescriptor<>("changed", Types.BOOLEAN));
  }

  @Override
  public void processElement(Engagement e, ReadOnlyContext ctx, Collector<ContactSendTime> out)
      throws Exception {
    histogram.update(
        SendTimeRules.observe(histogram.value(), e.hourOfWeek(), e.occurredAtMillis()));
    changed.update(true);
    long now = ctx.timerService().currentProcessingTime();
    ctx.timerService().registerProcessingTimeTimer(now - now % coalesceMillis + coalesceMillis);
    ctx.timerService().registerEventTimeTimer(END_OF_TIME);
  }

  @Override
  public void processBroadcastElement(
      TenantPrior prior, Context ctx, Collector<ContactSendTime> out) throws Exception {
    ctx.getBroadcastState(PRIORS).put(prior.tenantId(), prior.histogram());
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ContactSendTime> out)
      throws Exception {
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      ctx.timerService().deleteEventTimeTimer(END_OF_TIME);
    }
    if (!Boolean.TRUE.equals(changed.value())) {
      return;
    }
    changed.clear();
    String key = ctx.getCurrentKey();
    String tenant = key.substring(0, key.indexOf('|'));
    DecayedHistogram contact = histogram.value();
    double[] posterior =
        SendTimeRules.posterior(
            contact, SendTimeRules.priorShape(ctx.getBroadcastState(PRIORS).get(tenant)));
    int[] best = SendTimeRules.bestHours(posterior);
    out.collect(
        new ContactSendTime(
            tenant,
            key.substring(key.indexOf('|') + 1),
            contact.asOfMillis(),
            best,
            SendTimeRules.confidence(contact, posterior, best),
            contact.observations(),
            SendTimeRules.MODEL_VERSION));
  }
}
