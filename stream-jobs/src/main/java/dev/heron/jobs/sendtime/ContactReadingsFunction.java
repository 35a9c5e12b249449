package dev.heron.jobs.sendtime;

import dev.heron.jobs.intake.StateTtl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per contact (key {@code tenant|contact}): its recent deliveries, and each human open or click as
 * a {@link ContactReading} read against its message's delivery (the first of a message is a new
 * reading, a later one only an observation; {@link EngagementStep}). Both the contact's model and
 * the tenant's fit of the reading shape take these, which is why readings are made here, ahead of
 * both.
 *
 * <p>State stays bounded: deliveries older than {@link SendTimeRules#READ_HORIZON} (event time) are
 * dropped as newer ones arrive, and by a time-to-live when none do. Dropping them reads all the
 * contact's deliveries, so it is done only once the oldest is {@link #PRUNE_SLACK} past the
 * horizon, not at every delivery: for a contact who gets mail every hour, one scan a day of event
 * time instead of one an hour. A delivery kept past the horizon meanwhile changes no reading
 * ({@link SendTimeRules#reading} ignores it).
 */
public final class ContactReadingsFunction
    extends KeyedProcessFunction<String, Engagement, ContactReading> {
  /** How far past the read horizon the oldest delivery may be before the deliveries are scanned. */
  static final Duration PRUNE_SLACK = Duration.ofDays(1);

  private transient MapState<String, Delivery> deliveries;
  private transient ValueState<Long> oldestKept;

  @Override
  public void open(OpenContext openContext) {
    deliveries = getRuntimeContext().getMapState(deliveriesState());
    oldestKept = getRuntimeContext().getState(oldestKeptState());
  }

  /**
   * The event time of the oldest delivery kept, or earlier; empty when unknown (a checkpoint from
   * before it was kept), which makes the next delivery scan.
   */
  static ValueStateDescriptor<Long> oldestKeptState() {
    ValueStateDescriptor<Long> oldest = new ValueStateDescriptor<>("oldest-kept", Types.LONG);
    oldest.enableTimeToLive(StateTtl.afterLastWrite(SendTimeRules.READ_HORIZON.plusDays(1)));
    return oldest;
  }

  /** The contact's deliveries within the read horizon, by message id. */
  static MapStateDescriptor<String, Delivery> deliveriesState() {
    MapStateDescriptor<String, Delivery> recent =
        new MapStateDescriptor<>("deliveries", Types.STRING, TypeInformation.of(Delivery.class));
    // a contact who receives nothing more keeps no deliveries (event-time pruning needs new ones)
    recent.enableTimeToLive(StateTtl.afterLastWrite(SendTimeRules.READ_HORIZON.plusDays(1)));
    return recent;
  }

  @Override
  public void processElement(Engagement e, Context ctx, Collector<ContactReading> out)
      throws Exception {
    // a delivery replaces whatever was kept for its message, so it needs no look-up
    Delivery known = e.isEngagement() ? deliveries.get(e.messageId()) : null;
    EngagementStep step = EngagementStep.of(e, known);
    if (step.recorded() != null) {
      deliveries.put(e.messageId(), step.recorded());
      if (known == null) {
        // kept anew: a delivery, or the read mark of a message whose delivery was not seen
        keptOneAt(step.recorded().atMillis());
      }
    }
    if (step.reading() == null) {
      forgetDeliveriesBefore(e.occurredAtMillis() - SendTimeRules.READ_HORIZON.toMillis());
      return;
    }
    out.collect(step.reading());
  }

  private void keptOneAt(long atMillis) throws Exception {
    Long oldest = oldestKept.value();
    if (oldest != null && atMillis < oldest) {
      oldestKept.update(atMillis);
    }
  }

  private void forgetDeliveriesBefore(long cutoffMillis) throws Exception {
    Long oldest = oldestKept.value();
    if (oldest != null && cutoffMillis - oldest < PRUNE_SLACK.toMillis()) {
      return;
    }
    List<String> old = new ArrayList<>();
    long oldestLeft = Long.MAX_VALUE;
    for (Map.Entry<String, Delivery> d : deliveries.entries()) {
      long at = d.getValue().atMillis();
      if (at < cutoffMillis) {
        old.add(d.getKey());
      } else {
        oldestLeft = Math.min(oldestLeft, at);
      }
    }
    for (String message : old) {
      deliveries.remove(message);
    }
    oldestKept.update(oldestLeft);
  }
}
