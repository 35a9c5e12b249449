package dev.heron.senders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.SendRequest;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.senders.store.JdbcDeliveryStore;
import dev.heron.senders.store.SendersQueries;
import dev.heron.senders.world.Seed;
import dev.heron.senders.world.Teardown;
import dev.heron.senders.world.TestInfra;
import dev.heron.senders.world.TopicReader;
import dev.heron.simulator.RunningSimulator;
import dev.heron.simulator.Simulator;
import dev.heron.simulator.SimulatorConfig;
import dev.heron.simulator.Timings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender that claimed a message and died before its outcome: once the claim's lease runs out,
 * another sender delivers the message, once, and its outcome event is not missing.
 */
class CrashRecoveryTest {
  @TempDir Path home;
  private RunningSimulator sim;
  private SendersEngine engine;
  private TopicReader<Event> events;
  private KafkaProducer<String, byte[]> producer;

  @AfterEach
  void stop() throws Exception {
    Teardown.closeAll(engine, events, producer, sim);
  }

  @Test
  void aMessageClaimedByADeadSenderIsDeliveredByAnotherOnce() throws Exception {
    DataSource db = TestInfra.database();
    TestInfra.ensureTopics();
    Seed seed = new Seed(db);
    UUID campaign = seed.campaign();
    Seed.Recipient r = seed.recipient(campaign, "orphan@gmail.test");
    SendRequest request = seed.request(campaign, r, seed.template("Hi", null, "Hello"), Map.of());
    // The dead sender's claim, and the lease running out.
    assertThat(
            new JdbcDeliveryStore(db, SendersQueries.load(), Set.of(), Duration.ofMinutes(1))
                .claim(List.of(request), "dead"))
        .containsExactly(r.messageId());
    assertThat(execute(db, "UPDATE message_retries SET due_at = now() WHERE message_id = ?", r))
        .isEqualTo(1);

    sim = Simulator.start(SimulatorConfig.forTests(home, 5));
    events = TopicReader.events(e -> r.messageId().equals(e.messageId()));
    engine = TestEngine.named("senders-recovery-test", seed.tenantId).deliveringTo(sim).start();
    // Kafka redelivers the request too: the claim keeps it from going out a second time.
    producer = TestInfra.producer();
    publish(r, request);

    events.readUntil(
        all -> all.stream().anyMatch(e -> e.type() == EventType.DELIVERED), TopicReader.PATIENCE);

    assertThat(sim.deliveriesTo("orphan@gmail.test")).hasSize(1);
    assertThat(execute(db, "SELECT 1 FROM message_retries WHERE message_id = ?", r)).isZero();
    assertThat(
            execute(
                db,
                "SELECT 1 FROM message_claims WHERE message_id = ? AND outcome = 'DELIVERED'",
                r))
        .isEqualTo(1);
  }

  @Test
  void aLiveSenderKeepsTheWatchdogOffItsSlowMessage() throws Exception {
    DataSource db = TestInfra.database();
    TestInfra.ensureTopics();
    Seed seed = new Seed(db);
    UUID campaign = seed.campaign();
    Seed.Recipient r = seed.recipient(campaign, "slow-" + UUID.randomUUID() + "@gmail.test");
    Duration never = Duration.ofHours(1);
    // The exchanger takes three leases to answer: only renewals keep the watchdog from sending it
    // a second time meanwhile.
    sim =
        Simulator.start(
            SimulatorConfig.forTests(home, 5)
                .withTimings(new Timings(Duration.ofSeconds(3), never, never, never, never)));
    events = TopicReader.events(e -> r.messageId().equals(e.messageId()));
    engine =
        TestEngine.named("senders-lease-test", seed.tenantId)
            .deliveringTo(sim)
            .claimLease(Duration.ofSeconds(1))
            .start();
    producer = TestInfra.producer();
    publish(r, request(seed, campaign, r));

    events.readUntil(
        all -> all.stream().anyMatch(e -> e.type() == EventType.DELIVERED), TopicReader.PATIENCE);
    // Two more leases: a watchdog retry, had one fallen due, would have been sent by now.
    Thread.sleep(2_000);

    assertThat(sim.deliveriesTo(r.address())).hasSize(1);
    assertThat(execute(db, "SELECT 1 FROM message_retries WHERE message_id = ?", r)).isZero();
  }

  private void publish(Seed.Recipient r, SendRequest request) throws Exception {
    producer
        .send(
            new ProducerRecord<>(
                Topics.SENDS, r.recipientId().toString(), WireCodec.SENDS.encode(request)))
        .get();
  }

  private static SendRequest request(Seed seed, UUID campaign, Seed.Recipient r) throws Exception {
    return seed.request(campaign, r, seed.template("Hi", null, "Hello"), Map.of());
  }

  /** Rows updated, or rows returned by a query. */
  private static int execute(DataSource db, String sql, Seed.Recipient r) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setObject(1, r.messageId());
      if (!s.execute()) {
        return s.getUpdateCount();
      }
      int rows = 0;
      try (ResultSet result = s.getResultSet()) {
        while (result.next()) {
          rows++;
        }
      }
      return rows;
    }
  }
}
