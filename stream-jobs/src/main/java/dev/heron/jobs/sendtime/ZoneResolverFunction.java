package dev.heron.jobs.sendtime;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per contact: places each delivery, human open or click at its hour of the week in the contact's
 * time zone, looked up once and again after {@code refresh}; a contact without a known zone counts
 * in UTC.
 */
public final class ZoneResolverFunction extends KeyedProcessFunction<String, Event, Engagement> {
  private static final String UNKNOWN = "";

  private final ContactZones zones;
  private final long refreshMillis;

  private transient ValueState<String> zone;
  private transient ValueState<Long> checkedAt;

  public ZoneResolverFunction(ContactZones zones, Duration refresh) {
    this.zones = zones;
    this.refreshMillis = refresh.toMillis();
  }

  @Override
  public void open(OpenContext openContext) throws Exception {
    zone = getRuntimeContext().getState(new ValueStateDescriptor<>("zone", Types.STRING));
    checkedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("checked-at", Types.LONG));
    zones.open();
  }

  @Override
  public void close() throws Exception {
    zones.close();
  }

  @Override
  public void processElement(Event event, Context ctx, Collector<Engagement> out) throws Exception {
    String tenant = event.tenantId().toString();
    String contact = event.contactId().toString();
    long now = ctx.timerService().currentProcessingTime();
    if (zone.value() == null || now - checkedAt.value() >= refreshMillis) {
      zone.update(zones.zoneOf(tenant, contact).map(ZoneId::getId).orElse(UNKNOWN));
      checkedAt.update(now);
    }
    ZoneId contactZone = UNKNOWN.equals(zone.value()) ? ZoneOffset.UTC : ZoneId.of(zone.value());
    out.collect(
        new Engagement(
            tenant,
            contact,
            event.messageId() == null ? "" : event.messageId().toString(),
            kindOf(event.type()),
            event.occurredAt().toEpochMilli(),
            SendTimeRules.hourOfWeek(event.occurredAt(), contactZone)));
  }

  private static Engagement.Kind kindOf(EventType type) {
    return switch (type) {
      case DELIVERED -> Engagement.Kind.DELIVERED;
      case CLICKED -> Engagement.Kind.CLICKED;
      default -> Engagement.Kind.OPENED;
    };
  }
}
