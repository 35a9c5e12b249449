package dev.heron.jobs.sendtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.BoundedSources;
import dev.heron.jobs.MiniClusters;
import dev.heron.jobs.TestDatabase;
import dev.heron.jobs.TestEvents;
import dev.heron.jobs.intake.EventIntake;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real job on a MiniCluster: contacts' zones from {@code contacts}, models into the table. */
class SendTimeJobTest {
  @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

  private final TestEvents events = new TestEvents();
  // Tuesdays at 14:00 UTC, which is 09:00 in New York.
  private final Instant firstTuesday = Instant.parse("2026-02-03T14:00:00Z");

  @Test
  void aContactsHabitIsFoundInItsOwnTimeZoneAndMachineOpensAreIgnored() throws Exception {
    UUID newYorker = UUID.randomUUID();
    UUID unknownZone = UUID.randomUUID();
    UUID evening = UUID.randomUUID();
    try (Connection c = TestDatabase.connect()) {
      events.storeTenant(c);
      TestDatabase.execute(
          c,
          "INSERT INTO contacts (id, tenant_id, email, time_zone) VALUES (?, ?, 'ny@example.test',"
              + " 'America/New_York')",
          newYorker,
          events.tenant);
      TestDatabase.execute(
          c,
          "INSERT INTO contacts (id, tenant_id, email) VALUES (?, ?, 'x@example.test')",
          unknownZone,
          events.tenant);
      TestDatabase.execute(
          c,
          "INSERT INTO contacts (id, tenant_id, email) VALUES (?, ?, 'e@example.test')",
          evening,
          events.tenant);
    }
    List<Event> input = new ArrayList<>();
    for (int week = 0; week < 6; week++) {
      Instant tuesday = firstTuesday.plus(Duration.ofDays(7L * week));
      input.add(open(newYorker, tuesday.plusSeconds(60 * week)));
      input.add(
          events
              .of(EventType.CLICKED, UUID.randomUUID(), tuesday.plusSeconds(90))
              .contactId(newYorker)
              .build());
      // The mailbox provider's proxy fetches the pixel at 03:00 UTC: not the person.
      input.add(
          events
              .of(EventType.OPENED, UUID.randomUUID(), tuesday.minus(Duration.ofHours(11)))
              .contactId(newYorker)
              .machineOpen(true)
              .build());
      input.add(open(unknownZone, tuesday.plus(Duration.ofHours(6))));
      // Raw counts tie Tuesday 20:00 and Wednesday 09:00 (UTC); the 20:00 opens came as the
      // messages arrived, the 09:00 ones after they were left unread all evening and night.
      deliveredAndOpened(
          input, evening, tuesday.plus(Duration.ofMinutes(365)), tuesday.plusSeconds(370 * 60));
      deliveredAndOpened(
          input, evening, tuesday.plus(Duration.ofHours(8)), tuesday.plus(Duration.ofHours(19)));
    }

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    EventIntake intake = BoundedSources.intake(input);
    new SendTimeJob(intake, new JdbcContactZones(), SendTimeJob.tableSink()).build(env);
    env.execute("send-time-test");

    Model ny = latest(newYorker);
    assertThat(ny.bestHours()[0]).isEqualTo(24 + 9); // Tuesday 09:00 in New York
    assertThat(ny.observations()).isEqualTo(12);
    assertThat(ny.confidence()).isGreaterThan(0.5);
    Model utc = latest(unknownZone);
    assertThat(utc.bestHours()[0]).isEqualTo(24 + 20); // Tuesday 20:00 UTC
    assertThat(utc.observations()).isEqualTo(6);
    Model exposed = latest(evening);
    assertThat(exposed.bestHours()[0]).isEqualTo(48 + 9); // Wednesday 09:00 UTC
    assertThat(exposed.observations()).isEqualTo(12);
  }

  private void deliveredAndOpened(
      List<Event> input, UUID contact, Instant deliveredAt, Instant openedAt) {
    UUID message = UUID.randomUUID();
    input.add(events.of(EventType.DELIVERED, message, deliveredAt).contactId(contact).build());
    input.add(events.of(EventType.OPENED, message, openedAt).contactId(contact).build());
  }

  private Event open(UUID contact, Instant at) {
    return events.of(EventType.OPENED, UUID.randomUUID(), at).contactId(contact).build();
  }

  record Model(Integer[] bestHours, double confidence, long observations) {}

  private Model latest(UUID contact) throws Exception {
    try (Connection c = TestDatabase.connect();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT best_hours, confidence, observations, model_version FROM contact_send_time"
                    + " WHERE tenant_id = ? AND contact_id = ? ORDER BY computed_at DESC LIMIT 1")) {
      st.setObject(1, events.tenant);
      st.setObject(2, contact);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).as("a model for " + contact).isTrue();
        assertThat(rs.getString("model_version")).isEqualTo(SendTimeRules.MODEL_VERSION);
        Array hours = rs.getArray("best_hours");
        return new Model(
            (Integer[]) hours.getArray(), rs.getDouble("confidence"), rs.getLong("observations"));
      }
    }
  }
}
