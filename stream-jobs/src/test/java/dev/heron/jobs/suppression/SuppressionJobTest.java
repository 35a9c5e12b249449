package dev.heron.jobs.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.BounceClass;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.BoundedSources;
import dev.heron.jobs.MiniClusters;
import dev.heron.jobs.TestDatabase;
import dev.heron.jobs.TestEvents;
import dev.heron.jobs.intake.EventIntake;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real job on a MiniCluster, writing the real {@code suppression_list}. */
class SuppressionJobTest {
  @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

  private final TestEvents events = new TestEvents();
  private final Instant at = Instant.parse("2026-03-04T10:00:00Z");

  @Test
  void addressBouncesComplaintsAndUnsubscribesAreSuppressedOnce() throws Exception {
    UUID bounced = UUID.randomUUID();
    UUID blocked = UUID.randomUUID();
    UUID complained = UUID.randomUUID();
    UUID unsubscribedContact;
    try (Connection c = TestDatabase.connect()) {
      events.storeTenantAndCampaign(c);
      recipient(c, bounced, "gone@example.test");
      recipient(c, blocked, "blocked@example.test");
      recipient(c, complained, "angry@example.test");
      unsubscribedContact = contact(c, "Leaving@Example.test");
    }
    List<Event> input =
        List.of(
            events
                .of(EventType.BOUNCED, bounced, at)
                .bounceClass(BounceClass.HARD)
                .smtpReply(550, "5.1.1", "550 5.1.1 user unknown")
                .build(),
            events
                .of(EventType.BOUNCED, blocked, at)
                .bounceClass(BounceClass.HARD)
                .smtpReply(550, "5.7.1", "550 5.7.1 policy")
                .build(),
            events.event(EventType.COMPLAINED, complained, at),
            events.event(EventType.COMPLAINED, complained, at.plusSeconds(5)),
            // No recipients row for this message: the contact's own address is suppressed.
            events
                .of(EventType.UNSUBSCRIBED, UUID.randomUUID(), at)
                .contactId(unsubscribedContact)
                .build(),
            events.event(EventType.OPENED, bounced, at));

    run(input);
    run(input);

    assertThat(entries())
        .isEqualTo(
            new TreeMap<>(
                Map.of(
                    "gone@example.test", "hard_bounce bounced 5.1.1: 550 5.1.1 user unknown",
                    "angry@example.test", "complaint complained",
                    "Leaving@Example.test", "unsubscribe unsubscribed")));
  }

  private void run(List<Event> input) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    EventIntake intake = BoundedSources.intake(input);
    new SuppressionJob(intake, SuppressionJob.tableSink()).build(env);
    env.execute("suppression-test");
  }

  private Map<String, String> entries() throws Exception {
    Map<String, String> rows = new TreeMap<>();
    try (Connection c = TestDatabase.connect();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT address, reason, detail, channel FROM suppression_list WHERE tenant_id = ?")) {
      st.setObject(1, events.tenant);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          assertThat(rs.getString("channel")).isEqualTo("email");
          rows.put(rs.getString("address"), rs.getString("reason") + " " + rs.getString("detail"));
        }
      }
    }
    return rows;
  }

  private void recipient(Connection c, UUID message, String address) throws Exception {
    UUID contact = contact(c, address);
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO recipients (message_id, tenant_id, campaign_id, contact_id, channel, address)"
                + " VALUES (?, ?, ?, ?, 'email', ?)")) {
      st.setObject(1, message);
      st.setObject(2, events.tenant);
      st.setObject(3, events.campaign);
      st.setObject(4, contact);
      st.setString(5, address);
      st.executeUpdate();
    }
  }

  private UUID contact(Connection c, String email) throws Exception {
    UUID id = UUID.randomUUID();
    try (PreparedStatement st =
        c.prepareStatement("INSERT INTO contacts (id, tenant_id, email) VALUES (?, ?, ?)")) {
      st.setObject(1, id);
      st.setObject(2, events.tenant);
      st.setString(3, email);
      st.executeUpdate();
    }
    return id;
  }
}
