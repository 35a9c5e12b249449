package dev.heron.jobs.sendtime;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.JobSettings;
import dev.heron.jobs.intake.DuplicateFilter;
import dev.heron.jobs.intake.EventIntake;
import dev.heron.jobs.intake.KafkaEvents;
import dev.heron.jobs.storage.JdbcSinks;
import dev.heron.jobs.storage.JobQueries;
import java.time.Duration;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Per-contact send-time models from human opens and clicks (machine opens excluded), each read
 * against its message's delivery, with the reading shape fitted to the tenant's population and
 * smoothed toward its hours, into {@code contact_send_time}.
 */
public final class SendTimeJob {
  public static final Duration CONTACT_COALESCE = Duration.ofSeconds(5);
  public static final Duration PRIOR_COALESCE = Duration.ofSeconds(10);
  private static final Duration ZONE_REFRESH = Duration.ofDays(1);
  private static final Duration REMEMBER_EVENT_IDS = Duration.ofDays(2);

  private final EventIntake intake;
  private final ContactZones zones;
  private final Sink<ContactSendTime> table;

  public SendTimeJob(EventIntake intake, ContactZones zones, Sink<ContactSendTime> table) {
    this.intake = intake;
    this.zones = zones;
    this.table = table;
  }

  public void build(StreamExecutionEnvironment env) {
    wire(intake.events(env), zones, table);
  }

  /** The job's part after the intake, for a pipeline that shares one intake between jobs. */
  public static void wire(
      DataStream<Event> events, ContactZones zones, Sink<ContactSendTime> table) {
    DataStream<Engagement> engagements =
        events
            .filter(new DeliveryOrHumanEngagement())
            .name("delivery-or-human-engagement")
            .uid("sendtime-human-engagement")
            .keyBy(new DuplicateFilter.ByMessage(), DuplicateFilter.KEY)
            .process(new DuplicateFilter(REMEMBER_EVENT_IDS))
            .name("sendtime-dedup")
            .uid("sendtime-dedup")
            .keyBy(new ContactOfEvent())
            .process(new ZoneResolverFunction(zones, ZONE_REFRESH))
            .name("contact-zone")
            .uid("sendtime-contact-zone");
    // The zone, the readings and the model are keyed by the same tenant|contact string, and each
    // keyed function emits under the key it was given: the stream is already partitioned as a new
    // keyBy would partition it, so the next two steps read it in place instead of shuffling it.
    DataStream<ContactReading> readings =
        DataStreamUtils.reinterpretAsKeyedStream(engagements, new ContactOfEngagement())
            .process(new ContactReadingsFunction())
            .name("contact-readings")
            .uid("sendtime-readings-v4"); // deliveries, apart from the model's readings since v4
    DataStream<TenantPrior> priors =
        readings
            .keyBy(new TenantOfReading())
            .process(new TenantPriorFunction(PRIOR_COALESCE))
            .name("tenant-prior-and-shape")
            .uid("sendtime-tenant-shape"); // the population of readings and the fitted shape
    DataStreamUtils.reinterpretAsKeyedStream(readings, new ContactOfReading())
        .connect(priors.broadcast(ContactSendTimeFunction.PRIORS))
        .process(new ContactSendTimeFunction(CONTACT_COALESCE))
        .name("contact-send-time")
        .uid("sendtime-contact-model") // readings with their observations since v4
        .sinkTo(table)
        .name("contact_send_time")
        .uid("sendtime-sink");
  }

  public static Sink<ContactSendTime> tableSink() {
    return JdbcSinks.batched(
        JobQueries.load().get(JobQueries.UPSERT_CONTACT_SEND_TIME),
        new ContactSendTimeBinder(),
        JdbcSinks.Batching.upserts());
  }

  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobSettings.configureCheckpoints(env, "sendtime");
    new SendTimeJob(intake(), new JdbcContactZones(), tableSink()).build(env);
    env.execute("heron-send-time");
  }

  /**
   * The job's own consumer group; from {@code HERON_JOBS_START_AT} (epoch milliseconds) when set,
   * as a benchmark starts it, rather than from the group's committed offsets.
   */
  @SuppressWarnings("deprecation") // the connector still takes the client's OffsetResetStrategy
  static EventIntake intake() {
    String startAt = JobSettings.get(JobSettings.START_AT).trim();
    if (startAt.isEmpty()) {
      return JobSettings.kafkaIntake("sendtime");
    }
    long from;
    try {
      from = Long.parseLong(startAt);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          JobSettings.START_AT + " must be empty or epoch milliseconds, was '" + startAt + "'", e);
    }
    return new EventIntake(
        KafkaEvents.source(KafkaEvents.GROUP + "-sendtime", OffsetsInitializer.timestamp(from)),
        KafkaEvents.deadLetterSink(),
        JobSettings.millis(JobSettings.OUT_OF_ORDERNESS_MS),
        JobSettings.millis(JobSettings.IDLENESS_MS));
  }

  /**
   * A message delivered to a known contact, or the person's open or click of one: the model reads
   * each open against its delivery.
   */
  static final class DeliveryOrHumanEngagement implements FilterFunction<Event> {
    @Override
    public boolean filter(Event e) {
      return e.contactId() != null
          && (e.type() == EventType.DELIVERED || e.isHumanOpen() || e.type() == EventType.CLICKED);
    }
  }

  static final class ContactOfEvent implements KeySelector<Event, String> {
    @Override
    public String getKey(Event e) {
      return Engagement.contactKey(e.tenantId(), e.contactId());
    }
  }

  static final class ContactOfEngagement implements KeySelector<Engagement, String> {
    @Override
    public String getKey(Engagement e) {
      return e.contactKey();
    }
  }

  static final class ContactOfReading implements KeySelector<ContactReading, String> {
    @Override
    public String getKey(ContactReading r) {
      return r.contactKey();
    }
  }

  static final class TenantOfReading implements KeySelector<ContactReading, String> {
    @Override
    public String getKey(ContactReading r) {
      return r.tenantId();
    }
  }
}
