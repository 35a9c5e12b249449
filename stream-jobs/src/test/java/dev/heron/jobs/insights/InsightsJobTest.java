package dev.heron.jobs.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.DeadLetter;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.jobs.BoundedSources;
import dev.heron.jobs.CollectingSink;
import dev.heron.jobs.MiniClusters;
import dev.heron.jobs.TestDatabase;
import dev.heron.jobs.TestEvents;
import dev.heron.jobs.intake.EventIntake;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real job on a MiniCluster, writing to the real {@code insight_buckets_hourly}. */
class InsightsJobTest {
  @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

  private final TestEvents events = new TestEvents();
  private final Instant ten = Instant.parse("2026-03-04T10:00:00Z");

  @Test
  void bucketsHoldExactTotalsWithDuplicatesOnceAndLateEventsCorrected() throws Exception {
    List<byte[]> records = new ArrayList<>();
    scenario().forEach(e -> records.add(WireCodec.EVENTS.encode(e)));
    records.add("{\"type\":\"SENT\"".getBytes(StandardCharsets.UTF_8));
    CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();

    run(records, deadLetters);

    assertThat(rows()).isEqualTo(expectedRows());
    assertThat(deadLetters.received())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.topic()).isEqualTo(Topics.EVENTS);
              assertThat(letter.offset()).isEqualTo(records.size() - 1);
              assertThat(letter.reason()).startsWith("not JSON");
              assertThat(letter.payload()).isEqualTo("{\"type\":\"SENT\"");
            });
  }

  @Test
  void replayingTheSameEventsLeavesTheSameRows() throws Exception {
    List<byte[]> records = scenario().stream().map(WireCodec.EVENTS::encode).toList();
    run(records, new CollectingSink<>());
    Map<String, String> first = rows();

    run(records, new CollectingSink<>());

    assertThat(rows()).isEqualTo(first).isEqualTo(expectedRows());
  }

  /**
   * Message m1 is sent, delivered, opened by a person and a proxy, clicked and converted at 10h;
   * opened again at 11h; and a person's open at 09:50 arrives last, late: the unique open moves to
   * 09h. m2 (variant B) hard-bounces; m3 is deferred then blocked. m4 is sent and opened at 08h,
   * arriving after everything else. Some events arrive twice; one has no campaign.
   */
  private List<Event> scenario() {
    UUID m1 = UUID.randomUUID();
    UUID m2 = UUID.randomUUID();
    UUID m3 = UUID.randomUUID();
    UUID m4 = UUID.randomUUID();
    Event sent1 = events.event(EventType.SENT, m1, at(1));
    Event click1 = events.event(EventType.CLICKED, m1, at(25));
    List<Event> list = new ArrayList<>();
    list.add(sent1);
    list.add(events.event(EventType.DELIVERED, m1, at(2)));
    list.add(events.event(EventType.OPENED, m1, at(20)));
    list.add(events.of(EventType.OPENED, m1, at(3)).machineOpen(true).build());
    list.add(click1);
    list.add(events.of(EventType.CONVERTED, m1, at(40)).value(new BigDecimal("12.50")).build());
    list.add(events.of(EventType.SENT, m2, at(1)).variant("B").build());
    list.add(events.of(EventType.BOUNCED, m2, at(2)).variant("B").build());
    list.add(events.event(EventType.SENT, m3, at(1)));
    list.add(events.event(EventType.DEFERRED, m3, at(2)));
    list.add(
        events
            .of(EventType.BOUNCED, m3, at(30))
            .bounceClass(dev.heron.events.BounceClass.BLOCK)
            .build());
    list.add(events.event(EventType.OPENED, m1, at(65)));
    list.add(sent1);
    list.add(click1);
    list.add(events.of(EventType.SENT, UUID.randomUUID(), at(5)).campaignId(null).build());
    list.add(events.event(EventType.OPENED, m1, at(-10)));
    list.add(events.event(EventType.SENT, m4, at(-90)));
    list.add(events.event(EventType.OPENED, m4, at(-80)));
    return list;
  }

  private static Map<String, String> expectedRows() {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("08:00 A", "sent=1 opens_total=1 opens_unique=1");
    rows.put("09:00 A", "opens_total=1 opens_unique=1");
    rows.put(
        "10:00 A",
        "sent=2 delivered=1 deferred=1 blocked=1 opens_total=1 opens_machine=1 clicks_total=1"
            + " clicks_unique=1 conversions=1 conversion_value=12.50");
    rows.put("10:00 B", "sent=1 bounced_hard=1");
    rows.put("11:00 A", "opens_total=1");
    return rows;
  }

  private Instant at(int minutesAfterTen) {
    return ten.plus(Duration.ofMinutes(minutesAfterTen));
  }

  private void run(List<byte[]> records, CollectingSink<DeadLetter> deadLetters) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    EventIntake intake =
        new EventIntake(
            BoundedSources.ofPayloads(records),
            deadLetters,
            Duration.ofSeconds(5),
            Duration.ofSeconds(10));
    new InsightsJob(intake, InsightsJob.tableSink(), InsightsSettings.defaults()).build(env);
    env.execute("insights-test");
  }

  /** The tenant's rows as "HH:mm variant" to the counters that are not zero. */
  private Map<String, String> rows() throws Exception {
    Map<String, String> rows = new LinkedHashMap<>();
    try (Connection c = TestDatabase.connect();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT * FROM insight_buckets_hourly WHERE tenant_id = ? AND campaign_id = ?"
                    + " ORDER BY bucket, variant")) {
      st.setObject(1, events.tenant);
      st.setObject(2, events.campaign);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          assertThat(rs.getString("channel")).isEqualTo("email");
          assertThat(rs.getString("provider")).isEqualTo("gmail");
          assertThat(rs.getString("sender_identity")).isEqualTo("news.example.test");
          String hour =
              rs.getObject("bucket", java.time.OffsetDateTime.class)
                  .toInstant()
                  .toString()
                  .substring(11, 16);
          List<String> counters = new ArrayList<>();
          for (Counter counter : Counter.values()) {
            BigDecimal value = rs.getBigDecimal(counter.column());
            if (value.signum() != 0) {
              counters.add(counter.column() + "=" + value.toPlainString());
            }
          }
          rows.put(hour + " " + rs.getString("variant"), String.join(" ", counters));
        }
      }
    }
    return rows;
  }
}
