package dev.heron.jobs.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.WarmupState;
import dev.heron.jobs.BoundedSources;
import dev.heron.jobs.CollectingSink;
import dev.heron.jobs.MiniClusters;
import dev.heron.jobs.TestDatabase;
import dev.heron.jobs.TestEvents;
import dev.heron.jobs.intake.EventIntake;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real job on a MiniCluster, reading and updating the real {@code warmup_schedules}. */
class WarmupGuardJobTest {
  @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

  private final TestEvents events = new TestEvents();
  // An address of this test's own: sending_ips and warmup_schedules are keyed by it.
  private final String ip =
      "fd00::"
          + UUID.randomUUID().toString().substring(0, 4)
          + ":"
          + UUID.randomUUID().toString().substring(0, 4);
  private final Instant day1 = Instant.parse("2026-03-04T08:00:00Z");

  @Test
  void aBounceSpikePausesTheIpAndTheNextDayItResumesAtTheSameScheduleDay() throws Exception {
    try (Connection c = TestDatabase.connect()) {
      execute(c, "INSERT INTO sending_ips (ip) VALUES (?)", ip);
      execute(
          c,
          "INSERT INTO warmup_schedules (ip, schedule, started_on, schedule_day, daily_cap,"
              + " updated_at) VALUES (?, '[{\"fromDay\":1,\"cap\":200},{\"fromDay\":2,\"cap\":400}]',"
              + " '2026-03-04', 1, 200, '2026-03-04T00:00:00Z')",
          ip);
    }
    List<Event> input = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      input.add(event(EventType.SENT, day1.plusSeconds(i)));
    }
    for (int i = 0; i < 4; i++) {
      input.add(event(EventType.BOUNCED, day1.plusSeconds(600 + i)));
    }
    input.add(input.get(100)); // a duplicate bounce counts once
    for (int i = 0; i < 10; i++) {
      input.add(event(EventType.SENT, day1.plus(Duration.ofDays(1)).plusSeconds(i)));
    }
    CollectingSink<WarmupState> topic = new CollectingSink<>();

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    // One reader keeps the input in order: the guard is about "today", so a bounce that arrives
    // after the next day began is, by design, no longer counted.
    env.setParallelism(1);
    EventIntake intake = BoundedSources.intake(input);
    new WarmupGuardJob(
            intake,
            new JdbcWarmupPlans(),
            new WarmupSinks(topic, WarmupSinks.tableSink()),
            Duration.ofMinutes(5))
        .build(env);
    env.execute("warmup-test");

    assertThat(topic.received())
        .filteredOn(WarmupState::paused)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.day()).isEqualTo(LocalDate.of(2026, 3, 4));
              assertThat(s.dailyCap()).isEqualTo(200);
              assertThat(s.sentToday()).isEqualTo(100);
              assertThat(s.pauseReason()).startsWith("bounce rate 4.00%");
            });
    WarmupState last = topic.received().get(topic.received().size() - 1);
    assertThat(last.day()).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(last.scheduleDay()).isEqualTo(1);
    assertThat(last.paused()).isFalse();
    assertThat(last.sentToday()).isEqualTo(10);

    try (Connection c = TestDatabase.connect();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT schedule_day, daily_cap, sent_today, paused, pause_reason, paused_at"
                    + " FROM warmup_schedules WHERE ip = ?")) {
      st.setString(1, ip);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt("schedule_day")).isEqualTo(1);
        assertThat(rs.getLong("daily_cap")).isEqualTo(200);
        assertThat(rs.getLong("sent_today")).isEqualTo(10);
        assertThat(rs.getBoolean("paused")).isFalse();
        assertThat(rs.getString("pause_reason")).isNull();
        assertThat(rs.getObject("paused_at")).isNull();
      }
    }
  }

  private Event event(EventType type, Instant at) {
    return events.of(type, UUID.randomUUID(), at).sendingIp(ip).build();
  }

  private static void execute(Connection c, String sql, String ip) throws Exception {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, ip);
      st.executeUpdate();
    }
  }
}
