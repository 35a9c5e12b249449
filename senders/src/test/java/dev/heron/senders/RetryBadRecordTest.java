package dev.heron.senders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Channel;
import dev.heron.events.DeadLetter;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.SendRequest;
import dev.heron.events.WireCodec;
import dev.heron.senders.delivery.RetryPolicy;
import dev.heron.senders.delivery.RetryScheduler;
import dev.heron.senders.world.Seed;
import dev.heron.senders.world.Teardown;
import dev.heron.senders.world.TestDns;
import dev.heron.senders.world.TestInfra;
import dev.heron.senders.world.TestSmtp;
import dev.heron.senders.world.TopicReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deferred retry that cannot be made because of its own record — a stored request that cannot be
 * read, a claim whose outcome cannot be read — goes to the dead letters with the reason and leaves
 * the line, its message finished; the retries due with it are made. Real PostgreSQL, Kafka, DNS
 * over UDP and SMTP sockets.
 */
class RetryBadRecordTest {
  private DataSource db;
  private Seed seed;
  private TestDns dns;
  private TestSmtp smtp;
  private TopicReader<Event> events;
  private TopicReader<DeadLetter> deadLetters;
  private final Set<String> ours = java.util.concurrent.ConcurrentHashMap.newKeySet();
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
    events = TopicReader.eventsOf(seed.tenantId);
    deadLetters = TopicReader.deadLetters(d -> d.key() != null && ours.contains(d.key()));
    engine =
        TestEngine.named("senders-retry-bad-records", seed.tenantId)
            .deliveringTo(smtp, dns)
            .retrying(new RetryPolicy(3, Duration.ofMillis(200)))
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    Teardown.closeAll(engine, events, deadLetters, smtp, dns);
  }

  @Test
  void setsApartTheRetriesThatCannotBeMadeAndMakesTheRest() throws Exception {
    UUID campaign = seed.campaign();
    UUID template = seed.template("Hello {{firstName}}", "<p>Hi {{firstName}}</p>", "Hi");
    SendRequest first = request(seed.recipient(campaign, "first@gmail.test"), campaign, template);
    SendRequest last = request(seed.recipient(campaign, "last@gmail.test"), campaign, template);
    SendRequest noTemplate =
        request(seed.recipient(campaign, "notemplate@gmail.test"), campaign, template);
    Seed.Recipient garbled = seed.recipient(campaign, "garbled@gmail.test");
    // Its claim holds an outcome recorded by something that is not a sender, unreadable.
    SendRequest oddClaim = request(seed.recipient(campaign, "odd@gmail.test"), campaign, template);
    for (UUID id :
        List.of(
            first.messageId(),
            last.messageId(),
            noTemplate.messageId(),
            garbled.messageId(),
            oddClaim.messageId())) {
      ours.add(id.toString());
    }

    Map<UUID, String> rows = new HashMap<>();
    rows.put(first.messageId(), json(first));
    rows.put(last.messageId(), json(last));
    rows.put(noTemplate.messageId(), json(noTemplate).replace("\"templateId\":", "\"template\":"));
    rows.put(garbled.messageId(), "[\"not\", \"a\", \"send request\"]");
    rows.put(oddClaim.messageId(), json(oddClaim));
    // All due at once, in one transaction: the scheduler takes them in one batch.
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      for (UUID id : List.of(first.messageId(), last.messageId(), noTemplate.messageId())) {
        claim(c, id, null, null);
      }
      claim(c, garbled.messageId(), null, null);
      claim(c, oddClaim.messageId(), "BOUNCED", "squishy");
      for (Map.Entry<UUID, String> row : rows.entrySet()) {
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO message_retries (message_id, tenant_id, request, attempt, due_at,"
                    + " first_attempt_at) VALUES (?, ?, ?::jsonb, 2, now() - interval '1 second',"
                    + " now() - interval '1 minute')")) {
          s.setObject(1, row.getKey());
          s.setObject(2, seed.tenantId);
          s.setString(3, row.getValue());
          s.executeUpdate();
        }
      }
      c.commit();
    }

    List<DeadLetter> letters =
        deadLetters.readUntil(all -> keys(all).size() >= 3, TopicReader.PATIENCE);
    assertThat(letters)
        .allSatisfy(
            l -> {
              assertThat(l.topic()).isEqualTo(RetryScheduler.RETRIES);
              assertThat(l.consumer()).isEqualTo("senders");
            })
        .anySatisfy(
            l -> {
              assertThat(l.key()).isEqualTo(noTemplate.messageId().toString());
              assertThat(l.payload()).contains(noTemplate.messageId().toString());
              assertThat(l.reason())
                  .contains(noTemplate.messageId().toString())
                  .contains("field 'templateId'");
            })
        .anySatisfy(
            l -> {
              assertThat(l.key()).isEqualTo(garbled.messageId().toString());
              assertThat(l.payload()).contains("send request");
              assertThat(l.reason()).contains(garbled.messageId().toString());
            })
        .anySatisfy(
            l -> {
              assertThat(l.key()).isEqualTo(oddClaim.messageId().toString());
              assertThat(l.reason())
                  .contains(oddClaim.messageId().toString())
                  .contains("message_claims.bounce_class of " + oddClaim.messageId())
                  .contains("'squishy'");
            });
    assertThat(keys(letters)).hasSize(3).doesNotContain(first.messageId().toString());

    List<Event> seen =
        events.readUntil(
            all ->
                has(all, first.messageId(), EventType.DELIVERED)
                    && has(all, last.messageId(), EventType.DELIVERED)
                    && has(all, noTemplate.messageId(), EventType.FAILED)
                    && has(all, garbled.messageId(), EventType.FAILED),
            TopicReader.PATIENCE);
    assertThat(seen)
        .filteredOn(e -> e.messageId().equals(noTemplate.messageId()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).contains("field 'templateId'");
              assertThat(e.campaignId()).isEqualTo(campaign);
              assertThat(e.channel()).isEqualTo(Channel.EMAIL);
              assertThat(e.source()).isEqualTo("senders");
            });
    assertThat(seen).noneMatch(e -> e.messageId().equals(oddClaim.messageId()));
    assertThat(smtp.received())
        .extracting(TestSmtp.Received::recipient)
        .containsExactlyInAnyOrder("first@gmail.test", "last@gmail.test");

    // Every message has its final outcome; the one recorded before is kept as it was.
    assertThat(outcome(first.messageId())).isEqualTo("DELIVERED");
    assertThat(outcome(last.messageId())).isEqualTo("DELIVERED");
    assertThat(outcome(noTemplate.messageId())).startsWith("FAILED: ").contains("'templateId'");
    assertThat(outcome(garbled.messageId()))
        .startsWith("FAILED: ")
        .contains(garbled.messageId().toString());
    assertThat(outcome(oddClaim.messageId())).startsWith("BOUNCED");
    // None is left in line to be taken again.
    assertThat(retriesLeft(rows.keySet())).isZero();
  }

  private String outcome(UUID messageId) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT outcome, reason FROM message_claims WHERE message_id = ?")) {
      s.setObject(1, messageId);
      try (ResultSet row = s.executeQuery()) {
        assertThat(row.next()).isTrue();
        return row.getString(1) + (row.getString(2) == null ? "" : ": " + row.getString(2));
      }
    }
  }

  private int retriesLeft(Set<UUID> ids) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM message_retries WHERE message_id = ANY (?)")) {
      s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet row = s.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  private void claim(Connection c, UUID messageId, String outcome, String bounceClass)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO message_claims (message_id, tenant_id, claimed_by, outcome, outcome_at,"
                + " bounce_class) VALUES (?, ?, 'a sender that deferred it', ?,"
                + " CASE WHEN ? IS NULL THEN NULL ELSE now() END, ?)")) {
      s.setObject(1, messageId);
      s.setObject(2, seed.tenantId);
      s.setString(3, outcome);
      s.setString(4, outcome);
      s.setString(5, bounceClass);
      s.executeUpdate();
    }
  }

  private static Set<String> keys(List<DeadLetter> letters) {
    return Set.copyOf(letters.stream().map(DeadLetter::key).toList());
  }

  private static boolean has(List<Event> events, UUID messageId, EventType type) {
    return events.stream().anyMatch(e -> e.messageId().equals(messageId) && e.type() == type);
  }

  private static String json(SendRequest r) {
    return new String(WireCodec.SENDS.encode(r), StandardCharsets.UTF_8);
  }

  private SendRequest request(Seed.Recipient r, UUID campaign, UUID template) {
    return seed.request(campaign, r, template, Map.of("firstName", "Ann"));
  }
}
