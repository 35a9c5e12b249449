package dev.heron.senders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.events.DeadLetter;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.SendRequest;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.senders.delivery.RetryPolicy;
import dev.heron.senders.world.Seed;
import dev.heron.senders.world.Teardown;
import dev.heron.senders.world.TestDns;
import dev.heron.senders.world.TestInfra;
import dev.heron.senders.world.TestSmtp;
import dev.heron.senders.world.TopicReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A record that cannot be delivered by itself — a request the database refuses, a claim whose
 * recorded outcome cannot be read — goes to the dead letters with the reason, and the requests
 * polled with it are delivered: the batch is not failed again and again. Real PostgreSQL, Kafka,
 * DNS over UDP and SMTP sockets.
 */
class BadRecordTest {
  private DataSource db;
  private Seed seed;
  private TestDns dns;
  private TestSmtp smtp;
  private KafkaProducer<String, byte[]> producer;
  private TopicReader<Event> events;
  private TopicReader<DeadLetter> deadLetters;
  private SendersEngine engine;

  @BeforeEach
  void start() throws Exception {
    db = TestInfra.database();
    TestInfra.ensureTopics();
    seed = new Seed(db);
    dns =
        new TestDns()
            .mx("gmail.test", 10, "gmail-smtp-in.l.google.com", 300)
            .a("gmail-smtp-in.l.google.com", "127.0.0.1", 300);
    smtp = new TestSmtp();
    producer = TestInfra.producer();
    events = TopicReader.eventsOf(seed.tenantId);
    deadLetters = TopicReader.deadLettersOf(seed.tenantId);
    engine =
        TestEngine.named("senders-bad-records", seed.tenantId)
            .deliveringTo(smtp, dns)
            .retrying(new RetryPolicy(2, Duration.ofMillis(200)))
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    Teardown.closeAll(engine, events, deadLetters, producer, smtp, dns);
  }

  @Test
  void setsApartTheBadRecordsOfABatchAndDeliversTheRest() throws Exception {
    UUID campaign = seed.campaign();
    UUID template = seed.template("Hello {{firstName}}", "<p>Hi {{firstName}}</p>", "Hi");
    SendRequest first = request(seed.recipient(campaign, "first@gmail.test"), campaign, template);
    // PostgreSQL's jsonb cannot hold U+0000: the claim of this request is refused by the database.
    SendRequest nul =
        request(
            seed.recipient(campaign, "nul@gmail.test"),
            campaign,
            template,
            Map.of("firstName", "A\u0000nn"));
    // Claimed before, with an outcome recorded by something that is not a sender.
    SendRequest unreadable =
        request(seed.recipient(campaign, "odd@gmail.test"), campaign, template);
    recordClaim(unreadable.messageId(), "BOUNCED", "squishy");
    // Claimed before in lower case: read as the outcome it names, and re-emitted.
    SendRequest lowerCase =
        request(seed.recipient(campaign, "lower@gmail.test"), campaign, template);
    recordClaim(lowerCase.messageId(), "delivered", null);
    SendRequest last = request(seed.recipient(campaign, "last@gmail.test"), campaign, template);

    // One key, one partition: the five are polled in order, most likely in one batch.
    String key = "bad-records-" + seed.tenantId;
    for (SendRequest r : List.of(first, nul, unreadable, lowerCase, last)) {
      producer.send(new ProducerRecord<>(Topics.SENDS, key, WireCodec.SENDS.encode(r))).get();
    }

    List<DeadLetter> letters =
        deadLetters.readUntil(all -> distinctReasons(all) >= 2, TopicReader.PATIENCE);
    assertThat(letters)
        .anySatisfy(
            l -> {
              assertThat(l.payload()).contains(nul.messageId().toString());
              assertThat(l.reason())
                  .contains(nul.messageId().toString())
                  .contains("SQL state 22P05");
              assertThat(l.consumer()).isEqualTo("senders");
              assertThat(l.topic()).isEqualTo(Topics.SENDS);
            })
        .anySatisfy(
            l -> {
              assertThat(l.payload()).contains(unreadable.messageId().toString());
              assertThat(l.reason())
                  .contains("message_claims.bounce_class of " + unreadable.messageId())
                  .contains("'squishy'");
            });

    List<Event> seen =
        events.readUntil(
            all ->
                delivered(all, first.messageId())
                    && delivered(all, last.messageId())
                    && delivered(all, lowerCase.messageId()),
            TopicReader.PATIENCE);
    assertThat(seen).noneMatch(e -> e.messageId().equals(nul.messageId()));
    assertThat(seen).noneMatch(e -> e.messageId().equals(unreadable.messageId()));
    assertThat(smtp.received())
        .extracting(TestSmtp.Received::recipient)
        .containsExactlyInAnyOrder("first@gmail.test", "last@gmail.test");

    // The loop went on: a request published after them is delivered too.
    SendRequest after = request(seed.recipient(campaign, "after@gmail.test"), campaign, template);
    producer.send(new ProducerRecord<>(Topics.SENDS, key, WireCodec.SENDS.encode(after))).get();
    events.readUntil(all -> delivered(all, after.messageId()), TopicReader.PATIENCE);
    assertThat(smtp.receivedFor("after@gmail.test")).hasSize(1);
  }

  @Test
  void theDatabaseRefusesAClaimOutcomeThatIsNotAFinalOutcome() {
    UUID id = UUID.randomUUID();
    assertThatThrownBy(() -> recordClaim(id, "OPENED", null))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("message_claims_outcome_final");
  }

  private void recordClaim(UUID messageId, String outcome, String bounceClass) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO message_claims (message_id, tenant_id, claimed_by, outcome,"
                    + " outcome_at, bounce_class) VALUES (?, ?, 'another system', ?, now(), ?)")) {
      s.setObject(1, messageId);
      s.setObject(2, seed.tenantId);
      s.setString(3, outcome);
      s.setString(4, bounceClass);
      s.executeUpdate();
    }
  }

  private static boolean delivered(List<Event> events, UUID messageId) {
    return events.stream()
        .anyMatch(e -> e.messageId().equals(messageId) && e.type() == EventType.DELIVERED);
  }

  private static long distinctReasons(List<DeadLetter> letters) {
    return letters.stream().map(DeadLetter::reason).distinct().count();
  }

  private SendRequest request(Seed.Recipient r, UUID campaign, UUID template) {
    return request(r, campaign, template, Map.of("firstName", "Ann"));
  }

  private SendRequest request(
      Seed.Recipient r, UUID campaign, UUID template, Map<String, Object> variables) {
    return seed.request(campaign, r, template, variables);
  }
}
