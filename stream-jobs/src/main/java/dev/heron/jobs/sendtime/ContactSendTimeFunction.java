package dev.heron.jobs.sendtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
 * Per contact (key {@code tenant|contact}): the contact's newest readings, against its tenant's
 * population and fitted reading shape (broadcast to every instance), into best hours and a
 * confidence. A snapshot is written a few seconds after the contact's engagement changes, stamped
 * with the newest event time it includes; and again for every contact of a tenant whose fitted
 * shape changes (the shape changes how all its contacts' readings are read).
 *
 * <p>State stays bounded: readings are capped at {@link SendTimeRules#MAX_READINGS}.
 */
public final class ContactSendTimeFunction
    extends KeyedBroadcastProcessFunction<String, ContactReading, TenantPrior, ContactSendTime> {
  /** The tenants' populations and shapes, by tenant id. */
  public static final MapStateDescriptor<String, TenantPrior> PRIORS =
      new MapStateDescriptor<>(
          "tenant-priors", Types.STRING, TypeInformation.of(TenantPrior.class));

  static final ValueStateDescriptor<ContactReadings> READINGS =
      new ValueStateDescriptor<>("readings", TypeInformation.of(ContactReadings.class));

  private static final long END_OF_TIME = Long.MAX_VALUE;

  private final long coalesceMillis;

  /**
   * Each tenant's part of the posterior, computed once per prior it was computed from (the same
   * object while the broadcast state holds it): a contact's model would otherwise redo 168 × 168
   * terms that only the tenant decides.
   */
  private transient Map<String, PriorLog> priorLogs;

  private transient ValueState<ContactReadings> readings;
  private transient ValueState<Boolean> changed;

  public ContactSendTimeFunction(Duration coalesce) {
    this.coalesceMillis = Math.max(1, coalesce.toMillis());
  }

  @Override
  public void open(OpenContext openContext) {
    priorLogs = new HashMap<>();
    readings = getRuntimeContext().getState(READINGS);
    changed = getRuntimeContext().getState(new ValueStateDescriptor<>("changed", Types.BOOLEAN));
  }

  @Override
  public void processElement(ContactReading e, ReadOnlyContext ctx, Collector<ContactSendTime> out)
      throws Exception {
    readings.update(SendTimeRules.afterReading(readings.value(), e));
    changed.update(true);
    long now = ctx.timerService().currentProcessingTime();
    ctx.timerService().registerProcessingTimeTimer(now - now % coalesceMillis + coalesceMillis);
    ctx.timerService().registerEventTimeTimer(END_OF_TIME);
  }

  @Override
  public void processBroadcastElement(
      TenantPrior prior, Context ctx, Collector<ContactSendTime> out) throws Exception {
    TenantPrior before = ctx.getBroadcastState(PRIORS).get(prior.tenantId());
    ctx.getBroadcastState(PRIORS).put(prior.tenantId(), prior);
    if (shapeOf(before).equals(shapeOf(prior))) {
      return;
    }
    String tenantKey = prior.tenantId() + "|";
    ctx.applyToKeyedState(
        READINGS,
        (key, state) -> {
          ContactReadings contact = state.value();
          if (key.startsWith(tenantKey) && contact != null && contact.readings().length > 0) {
            out.collect(model(key, contact, prior, priorLogOf(prior.tenantId(), prior)));
          }
        });
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
    String tenantId = key.substring(0, key.indexOf('|'));
    TenantPrior prior = ctx.getBroadcastState(PRIORS).get(tenantId);
    out.collect(model(key, readings.value(), prior, priorLogOf(tenantId, prior)));
  }

  /** A tenant's prior and its part of the posterior. */
  private record PriorLog(TenantPrior prior, double[] log) {}

  private double[] priorLogOf(String tenantId, TenantPrior prior) {
    PriorLog cached = priorLogs.get(tenantId);
    if (cached == null || cached.prior() != prior) {
      ReadingShape shape = shapeOf(prior);
      double[] log =
          SendTimeRules.priorLog(
              SendTimeRules.priorShape(prior == null ? null : prior.histogram(), shape), shape);
      cached = new PriorLog(prior, log);
      priorLogs.put(tenantId, cached);
    }
    return cached.log();
  }

  private static ContactSendTime model(
      String key, ContactReadings contact, TenantPrior prior, double[] priorLog) {
    ReadingShape shape = shapeOf(prior);
    double[] posterior = SendTimeRules.posteriorFrom(contact, priorLog, shape);
    int[] best = SendTimeRules.bestHours(posterior);
    return new ContactSendTime(
        key.substring(0, key.indexOf('|')),
        key.substring(key.indexOf('|') + 1),
        contact.asOfMillis(),
        best,
        SendTimeRules.confidence(posterior, best),
        contact.observations(),
        SendTimeRules.MODEL_VERSION);
  }

  private static ReadingShape shapeOf(TenantPrior prior) {
    return prior == null || prior.shape() == null ? ReadingShape.DEFAULT : prior.shape();
  }
}
