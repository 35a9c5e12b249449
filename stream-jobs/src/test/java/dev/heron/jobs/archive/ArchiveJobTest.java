package dev.heron.jobs.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.BoundedSources;
import dev.heron.jobs.MiniClusters;
import dev.heron.jobs.TestDatabase;
import dev.heron.jobs.TestEvents;
import dev.heron.jobs.intake.EventIntake;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real job on a MiniCluster, writing to the real {@code events} hypertable. */
class ArchiveJobTest {
  @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

  private final TestEvents events = new TestEvents();
  private final Instant at = Instant.parse("2026-03-04T10:15:30.123Z");

  @Test
  void everyEventIsArchivedOnceWithItsFieldsEvenWhenReplayed() throws Exception {
    UUID message = UUID.randomUUID();
    Event bounce = events.event(EventType.BOUNCED, message, at);
    Event conversion =
        events
            .of(EventType.CONVERTED, message, at.plusSeconds(60))
            .value(new BigDecimal("7.25"))
            .build();
    Event withoutCampaign =
        events.of(EventType.SENT, UUID.randomUUID(), at).campaignId(null).variant(null).build();
    String multiLineReply = "421-4.7.0 try later\r\n421 4.7.0 \\ see\tdocs";
    Event deferral =
        events
            .of(EventType.DEFERRED, message, at.plusSeconds(1))
            .smtpReply(421, "4.7.0", multiLineReply)
            .build();
    List<Event> input = List.of(bounce, conversion, withoutCampaign, bounce, deferral);

    run(input);
    run(input);

    try (Connection c = TestDatabase.connect()) {
      assertThat(count(c)).isEqualTo(4);
      try (PreparedStatement st =
          c.prepareStatement("SELECT * FROM events WHERE event_id = ? AND occurred_at = ?")) {
        st.setObject(1, bounce.eventId());
        st.setObject(2, at.atOffset(java.time.ZoneOffset.UTC));
        try (ResultSet rs = st.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getObject("occurred_at", OffsetDateTime.class).toInstant()).isEqualTo(at);
          assertThat(rs.getString("type")).isEqualTo("BOUNCED");
          assertThat(rs.getInt("schema_version")).isEqualTo(1);
          assertThat(rs.getObject("message_id")).isEqualTo(message);
          assertThat(rs.getObject("campaign_id")).isEqualTo(events.campaign);
          assertThat(rs.getString("channel")).isEqualTo("email");
          assertThat(rs.getString("bounce_class")).isEqualTo("hard");
          assertThat(rs.getInt("smtp_code")).isEqualTo(550);
          assertThat(rs.getString("enhanced_status")).isEqualTo("5.1.1");
          assertThat(rs.getString("smtp_response")).isEqualTo("550 5.1.1 no such user");
          assertThat(rs.getString("provider")).isEqualTo("gmail");
          assertThat(rs.getString("sending_ip")).isEqualTo("127.0.0.2");
          assertThat(rs.getObject("machine_open")).isNull();
        }
      }
      try (PreparedStatement st =
          c.prepareStatement(
              "SELECT value, campaign_id FROM events WHERE tenant_id = ? AND type = ? ")) {
        st.setObject(1, events.tenant);
        st.setString(2, "CONVERTED");
        try (ResultSet rs = st.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getBigDecimal("value")).isEqualByComparingTo("7.25");
        }
        st.setString(2, "SENT");
        try (ResultSet rs = st.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getObject("campaign_id")).isNull();
        }
      }
      try (PreparedStatement st =
          c.prepareStatement("SELECT smtp_response FROM events WHERE event_id = ?")) {
        st.setObject(1, deferral.eventId());
        try (ResultSet rs = st.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo(multiLineReply);
        }
      }
    }
  }

  @Test
  void aBatchMixingArchivedAndNewEventsArchivesTheNewOnesOnce() throws Exception {
    Event first = events.event(EventType.SENT, UUID.randomUUID(), at);
    run(List.of(first));

    Event second = events.event(EventType.DELIVERED, UUID.randomUUID(), at.plusSeconds(5));
    Event third = events.event(EventType.OPENED, UUID.randomUUID(), at.plusSeconds(9));
    run(List.of(second, first, third, second));

    try (Connection c = TestDatabase.connect()) {
      assertThat(count(c)).isEqualTo(3);
    }
  }

  private void run(List<Event> input) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    EventIntake intake = BoundedSources.intake(input);
    new ArchiveJob(intake, ArchiveJob.tableSink()).build(env);
    env.execute("archive-test");
  }

  private long count(Connection c) throws Exception {
    try (PreparedStatement st =
        c.prepareStatement("SELECT count(*) FROM events WHERE tenant_id = ?")) {
      st.setObject(1, events.tenant);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
