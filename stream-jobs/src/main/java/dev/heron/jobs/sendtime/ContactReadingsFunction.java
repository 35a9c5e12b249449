package dev.heron.jobs.sendtime;

import dev.heron.jobs.intake.StateTtl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per contact (key {@code tenant|contact}): its recent deliveries, and each human open or click as
 * a {@link ContactReading} read against its message's delivery (the first of a message is a new
 * reading, a later one only an observation). Both the contact's model and the tenant's fit of the
 * reading shape take these, which is why readings are made here, ahead of both.
 *
 * <p>State stays bounded: deliveries older than {@link SendTimeRules#READ_HORIZON} (event time) are
 * dropped as newer ones arrive, and by a time-to-live when none do.
 */
public final class ContactReadingsFunction
    extends KeyedProcessFunction<String, Engagement, ContactReading> {
  private transient MapState<String, Delivery> deliveries;

  @Override
  public void open(OpenContext openContext) {
    deliveries = getRuntimeContext().getMapState(deliveriesState());
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
    if (!e.isEngagement()) {
      deliveries.put(e.messageId(), new Delivery(e.occurredAtMillis(), e.hourOfWeek(), false));
      forgetDeliveriesBefore(e.occurredAtMillis() - SendTimeRules.READ_HORIZON.toMillis());
      return;
    }
    Delivery delivery = deliveries.get(e.messageId());
    Reading reading = SendTimeRules.reading(e.hourOfWeek(), e.occurredAtMillis(), delivery);
    boolean first = delivery == null || !delivery.read();
    if (first) {
      deliveries.put(
          e.messageId(),
          delivery == null
              ? new Delivery(e.occurredAtMillis(), Reading.NOT_DELIVERED, true)
              : new Delivery(delivery.atMillis(), delivery.hourOfWeek(), true));
    }
    out.collect(new ContactReading(e.tenantId(), e.contactId(), reading, first));
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
}
