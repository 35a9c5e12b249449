package dev.heron.jobs.sendtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per contact (key {@code tenant|contact}): the contact's recent deliveries and newest readings
 * (first open or click of each message, with its delivery), against its tenant's population
 * (broadcast to every instance), into best hours and a confidence. A snapshot is written a few
 * seconds after the contact's engagement changes, stamped with the newest event time it includes.
 *
 * <p>State stays bounded: deliveries older than {@link SendTimeRules#READ_HORIZON} (event time) are
 * dropped as newer ones arrive, and by a time-to-live when none do; readings are capped at {@link
 * SendTimeRules#MAX_READINGS}.
 */
public final class ContactSendTimeFunction
    extends KeyedBroadcastProcessFunction<String, Engagement, TenantPrior, ContactSendTime> {
  /** The tenants' population histograms, by tenant id. */
  public static final MapStateDescriptor<String, DecayedHistogram> PRIORS =
      new MapStateDescriptor<>(
          "tenant-priors", Types.STRING, TypeInformation.of(DecayedHistogram.class));

  private static final long END_OF_TIME = Long.MAX_VALUE;

  private final long coalesceMillis;
  private transient MapState<String, Delivery> deliveries;
  private transient ValueState<ContactReadings> readings;
  private transient ValueState<Long> observations;
  private transient ValueState<Boolean> changed;

  public ContactSendTimeFunction(Duration coalesce) {
    this.coalesceMillis = Math.max(1, coalesce.toMillis());
  }

  @Override
  public void open(OpenContext openContext) {
    deliveries = getRuntimeContext().getMapState(deliveriesState());
    readings =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("readings", TypeInformation.of(ContactReadings.class)));
    observations =
        getRuntimeContext().getState(new ValueStateDescriptor<>("observations", Types.LONG));
    changed = getRuntimeContext().getState(new ValueStateDescriptor<>("changed", Types.BOOLEAN));
  }

  /** The contact's deliveries within the read horizon, by message id. */
  static MapStateDescriptor<String, Delivery> deliveriesState() {
    MapStateDescriptor<String, Delivery> recent =
        new MapStateDescriptor<>("deliveries", Types.STRING, TypeInformation.of(Delivery.class));
    // a contact who receives nothing more keeps no deliveries (event-time pruning needs new ones)
    recent.enableTimeToLive(
        StateTtlConfig.newBuilder(SendTimeRules.READ_HORIZON.plusDays(1)).build());
    return recent;
  }

  @Override
  public void processElement(Engagement e, ReadOnlyContext ctx, Collector<ContactSendTime> out)
      throws Exception {
    if (!e.isEngagement()) {
      deliveries.put(e.messageId(), new Delivery(e.occurredAtMillis(), e.hourOfWeek(), false));
      forgetDeliveriesBefore(e.occurredAtMillis() - SendTimeRules.READ_HORIZON.toMillis());
      return;
    }
    Delivery delivery = deliveries.get(e.messageId());
    if (delivery == null || !delivery.read()) {
      readings.update(
          SendTimeRules.add(
              readings.value(),
              SendTimeRules.reading(e.hourOfWeek(), e.occurredAtMillis(), delivery)));
      deliveries.put(
          e.messageId(),
          delivery == null
              ? new Delivery(e.occurredAtMillis(), Reading.NOT_DELIVERED, true)
              : new Delivery(delivery.atMillis(), delivery.hourOfWeek(), true));
    }
    observations.update(observations.value() == null ? 1 : observations.value() + 1);
    changed.update(true);
    long now = ctx.timerService().currentProcessingTime();
    ctx.timerService().registerProcessingTimeTimer(now - now % coalesceMillis + coalesceMillis);
    ctx.timerService().registerEventTimeTimer(END_OF_TIME);
  }

  private void forgetDeliveriesBefore(long cutoffMillis) throws Exception {
    List<String> old = new ArrayList<>();
    for (Map.Entry<String, Delivery> d : deliveries.entries()) {
      if (d.getValue().atMillis() < cutoffMillis) {
        old.add(d.getKey());
      }
    }
    for (String message : old) {
      deliveries.remove(message);
    }
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
    ContactReadings contact = readings.value();
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
            SendTimeRules.confidence(posterior, best),
            observations.value(),
            SendTimeRules.MODEL_VERSION));
  }
}
