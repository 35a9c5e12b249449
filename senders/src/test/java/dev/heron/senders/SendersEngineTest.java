package dev.heron.senders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.BounceClass;
import dev.heron.events.DeadLetter;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Json;
import dev.heron.events.SendRequest;
import dev.heron.events.Topics;
import dev.heron.events.TrackingLinks;
import dev.heron.events.WireCodec;
import dev.heron.senders.delivery.RetryPolicy;
import dev.heron.senders.dkim.DkimSigningTest;
import dev.heron.senders.dkim.DkimVerifier;
import dev.heron.senders.world.Seed;
import dev.heron.senders.world.Teardown;
import dev.heron.senders.world.TestDns;
import dev.heron.senders.world.TestInfra;
import dev.heron.senders.world.TestSmtp;
import dev.heron.senders.world.TopicReader;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
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
 * The engine end to end on real parts: send requests on Kafka, rows in PostgreSQL, MX records from
 * a DNS server over UDP, messages over SMTP sockets from loopback source IPs, events back on Kafka.
 */
class SendersEngineTest {
  private static final String SECRET = "senders-test-secret";
  private static final String USER_UNKNOWN =
      "550 5.1.1 <bob@gmail.test>: Recipient address rejected: User unknown in virtual mailbox table";

  private final TrackingLinks links = new TrackingLinks(TestEngine.PUBLIC_URL, SECRET);
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
            .a("gmail-smtp-in.l.google.com", "127.0.0.1", 300)
            .mx("outlook.test", 10, "heron-test.mail.protection.outlook.com", 300)
            .a("heron-test.mail.protection.outlook.com", "127.0.0.1", 300);
    smtp =
        new TestSmtp()
            .reply("bob@gmail.test", 550, USER_UNKNOWN.substring(4))
            .reply("greg@gmail.test", 451, "4.2.1 Mailbox busy, try again later");
    producer = TestInfra.producer();
    events = TopicReader.eventsOf(seed.tenantId);
    deadLetters = TopicReader.deadLettersOf(seed.tenantId);
    engine =
        TestEngine.named("senders-test", seed.tenantId)
            .deliveringTo(smtp, dns)
            .sendingFrom("127.0.0.2,127.0.0.3")
            .trackingSecret(SECRET)
            .retrying(new RetryPolicy(2, Duration.ofMillis(200)))
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    Teardown.closeAll(engine, events, deadLetters, producer, smtp, dns);
  }

  @Test
  void sendsAcceptedMessagesReportsEveryOutcomeAndNeverSendsTwice() throws Exception {
    UUID campaign = seed.campaign();
    UUID template =
        seed.template(
            "{{firstName}}, spring is here",
            "<html><body><p>Hi {{firstName}},</p>"
                + "<a href=\"https://shop.heron.test/sale?c={{code}}&amp;src=mail\">Shop</a>"
                + " <a href=\"{{unsubscribeUrl}}\">Unsubscribe</a></body></html>",
            "Hi {{firstName}}, https://shop.heron.test/sale");
    seed.suppress("dave@gmail.test", "hard_bounce");
    KeyPair dkimKey = DkimSigningTest.rsaKeys();
    seed.identity("news.heron.test", "heron1", DkimSigningTest.pem(dkimKey));
    Map<String, Object> vars = Map.of("firstName", "Ann", "code", "S1");
    SendRequest alice =
        request(seed.recipient(campaign, "alice@gmail.test"), campaign, template, vars);
    SendRequest bob = request(seed.recipient(campaign, "bob@gmail.test"), campaign, template, vars);
    SendRequest carol =
        request(seed.recipient(campaign, "carol@outlook.test"), campaign, template, vars);
    SendRequest dave =
        request(seed.recipient(campaign, "dave@gmail.test"), campaign, template, vars);
    SendRequest erin =
        request(
            seed.recipient(campaign, "erin@gmail.test"), campaign, template, Map.of("code", "E"));
    SendRequest greg =
        request(seed.recipient(campaign, "greg@gmail.test"), campaign, template, vars);

    for (SendRequest r : List.of(alice, bob, carol, dave, erin, greg, alice)) {
      publish(r.recipientId().toString(), WireCodec.SENDS.encode(r));
    }
    // A request without an address: it cannot be sent, so it goes to the dead letters.
    var unreadable =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            Json.mapper()
                .readTree(
                    WireCodec.SENDS.encode(
                        request(
                            seed.recipient(campaign, "nobody@gmail.test"),
                            campaign,
                            template,
                            vars)));
    unreadable.remove("address");
    publish("bad-" + seed.tenantId, Json.write(unreadable));

    // A replay may re-emit an outcome (same event id); consumers count each event id once.
    List<Event> read =
        events.readUntil(
            all ->
                outcomes(all, EventType.DELIVERED) == 2
                    && outcomes(all, EventType.BOUNCED) == 2
                    && outcomes(all, EventType.DROPPED) == 2,
            TopicReader.PATIENCE);
    List<Event> seen = distinct(read);

    // Exactly the accepted messages reached the provider, once each.
    assertThat(smtp.received())
        .extracting(TestSmtp.Received::recipient)
        .containsExactlyInAnyOrder("alice@gmail.test", "carol@outlook.test");

    TestSmtp.Received toAlice = smtp.receivedFor("alice@gmail.test").get(0);
    MimeMessage mime = toAlice.mime();
    UUID id = alice.messageId();
    assertThat(toAlice.envelopeFrom()).isEqualTo("bounces+" + id + "@news.heron.test");
    assertThat(mime.getHeader("From", null)).isEqualTo("Heron News <news@news.heron.test>");
    assertThat(mime.getSubject()).isEqualTo("Ann, spring is here");
    assertThat(mime.getMessageID()).isEqualTo("<" + id + "@news.heron.test>");
    assertThat(mime.getHeader("List-Unsubscribe", null))
        .isEqualTo("<" + links.unsubscribeUrl(id) + ">");
    assertThat(mime.getHeader("List-Unsubscribe-Post", null))
        .isEqualTo("List-Unsubscribe=One-Click");
    assertThat(mime.getHeader("Feedback-ID", null)).startsWith(campaign + ":" + seed.tenantId);
    String html = (String) ((Multipart) mime.getContent()).getBodyPart(1).getContent();
    assertThat(html)
        .contains("<p>Hi Ann,</p>")
        .contains("href=\"" + links.clickUrl(id, 0) + "\"")
        .contains("href=\"" + links.unsubscribeUrl(id) + "\"")
        .contains("<img src=\"" + links.openUrl(id) + "\"")
        .doesNotContain("shop.heron.test");
    DkimVerifier.Result dkim = DkimVerifier.verify(toAlice.data(), dkimKey.getPublic());
    assertThat(dkim.problem()).isNull();
    assertThat(dkim.tags()).containsEntry("d", "news.heron.test").containsEntry("s", "heron1");
    assertThat(linksOf(id)).containsExactly("https://shop.heron.test/sale?c=S1&src=mail");

    Event delivered = only(seen, id, EventType.DELIVERED);
    assertThat(delivered.source()).isEqualTo("senders");
    assertThat(delivered.provider()).isEqualTo("gmail");
    assertThat(delivered.senderIdentity()).isEqualTo("news.heron.test");
    assertThat(delivered.sendingIp()).isIn("127.0.0.2", "127.0.0.3").isEqualTo(toAlice.sourceIp());
    assertThat(delivered.smtpCode()).isEqualTo(250);
    assertThat(only(seen, id, EventType.SENT).sendingIp()).isEqualTo(delivered.sendingIp());
    assertThat(only(seen, carol.messageId(), EventType.DELIVERED).provider()).isEqualTo("outlook");

    Event bounced = only(seen, bob.messageId(), EventType.BOUNCED);
    assertThat(bounced.bounceClass()).isEqualTo(BounceClass.HARD);
    assertThat(bounced.smtpCode()).isEqualTo(550);
    assertThat(bounced.enhancedStatus()).isEqualTo("5.1.1");
    assertThat(bounced.smtpResponse()).isEqualTo(USER_UNKNOWN);
    assertThat(only(seen, bob.messageId(), EventType.SENT)).isNotNull();

    assertThat(only(seen, dave.messageId(), EventType.DROPPED).reason())
        .isEqualTo("suppressed: hard_bounce");
    assertThat(only(seen, erin.messageId(), EventType.DROPPED).reason())
        .contains("missing variable 'firstName'");
    assertThat(seen).filteredOn(e -> e.messageId().equals(dave.messageId())).hasSize(1);

    assertThat(only(seen, greg.messageId(), EventType.DEFERRED).smtpCode()).isEqualTo(451);
    Event gaveUp = only(seen, greg.messageId(), EventType.BOUNCED);
    assertThat(gaveUp.bounceClass()).isEqualTo(BounceClass.SOFT);
    assertThat(gaveUp.smtpResponse()).isEqualTo("451 4.2.1 Mailbox busy, try again later");

    assertThat(claim(id))
        .containsEntry("outcome", "DELIVERED")
        .containsEntry("provider", "gmail")
        .containsEntry("sender_identity", "news.heron.test")
        .containsEntry("sending_ip", delivered.sendingIp());
    assertThat(claim(bob.messageId()))
        .containsEntry("outcome", "BOUNCED")
        .containsEntry("bounce_class", "hard")
        .containsEntry("smtp_response", USER_UNKNOWN);

    assertThat(deadLetters.readUntil(l -> !l.isEmpty(), TopicReader.PATIENCE).get(0).reason())
        .contains("field 'address': missing");

    // A replay of a request already sent produces no second message. The sentinel shares its key,
    // so its outcome means the replay was read before it.
    SendRequest sentinel =
        request(seed.recipient(campaign, "frank@outlook.test"), campaign, template, vars);
    publish(alice.recipientId().toString(), WireCodec.SENDS.encode(alice));
    publish(alice.recipientId().toString(), WireCodec.SENDS.encode(sentinel));
    events.readUntil(
        all ->
            all.stream()
                .anyMatch(
                    e ->
                        e.messageId().equals(sentinel.messageId())
                            && e.type() == EventType.DELIVERED),
        TopicReader.PATIENCE);
    assertThat(smtp.receivedFor("alice@gmail.test")).hasSize(1);
    assertThat(smtp.receivedFor("frank@outlook.test")).hasSize(1);
    // The replay re-emitted alice's events as they were: same ids, same times. Her events are
    // keyed by her message id, on another partition of heron.events than the sentinel's, so
    // the sentinel's outcome read first says nothing about them: wait for the re-emitted one.
    List<Event> again =
        deliveredOf(
            events.readUntil(all -> deliveredOf(all, id).size() > 1, TopicReader.PATIENCE), id);
    assertThat(again.size()).isGreaterThan(1);
    assertThat(again).allMatch(e -> e.equals(delivered));
    assertThat(smtp.connections()).isLessThan(smtp.received().size() + 3);
  }

  @Test
  void anIdentityWithAnEd25519KeySignsEd25519Sha256ThatVerifiesAsReceived() throws Exception {
    UUID campaign = seed.campaign();
    UUID template =
        seed.template(
            "{{firstName}}, spring is here",
            "<html><body><p>Hi {{firstName}},</p>"
                + "<a href=\"https://shop.heron.test/sale\">Shop</a></body></html>",
            "Hi {{firstName}},\n  the sale   is on \n\n");
    KeyPair dkimKey = DkimSigningTest.ed25519Keys();
    seed.identity("news.heron.test", "ed1", DkimSigningTest.pem(dkimKey));
    SendRequest hana =
        request(
            seed.recipient(campaign, "hana@gmail.test"),
            campaign,
            template,
            Map.of("firstName", "Hana"));

    publish(hana.recipientId().toString(), WireCodec.SENDS.encode(hana));
    events.readUntil(all -> outcomes(all, EventType.DELIVERED) == 1, TopicReader.PATIENCE);

    TestSmtp.Received received = smtp.receivedFor("hana@gmail.test").get(0);
    DkimVerifier.Result dkim = DkimVerifier.verify(received.data(), dkimKey.getPublic());
    assertThat(dkim.problem()).isNull();
    assertThat(dkim.valid()).isTrue();
    assertThat(dkim.tags())
        .containsEntry("a", "ed25519-sha256")
        .containsEntry("d", "news.heron.test")
        .containsEntry("s", "ed1");
    assertThat(received.mime().getSubject()).isEqualTo("Hana, spring is here");
    assertThat(received.envelopeFrom())
        .isEqualTo("bounces+" + hana.messageId() + "@news.heron.test");
  }

  private SendRequest request(
      Seed.Recipient r, UUID campaign, UUID template, Map<String, Object> variables) {
    return seed.request(campaign, r, template, variables);
  }

  private void publish(String key, byte[] value) throws Exception {
    producer.send(new ProducerRecord<>(Topics.SENDS, key, value)).get();
  }

  private static List<Event> deliveredOf(List<Event> events, UUID messageId) {
    return events.stream()
        .filter(e -> e.messageId().equals(messageId) && e.type() == EventType.DELIVERED)
        .toList();
  }

  private static long outcomes(List<Event> events, EventType type) {
    return distinct(events).stream().filter(e -> e.type() == type).count();
  }

  private static List<Event> distinct(List<Event> events) {
    Map<UUID, Event> byId = new java.util.LinkedHashMap<>();
    events.forEach(e -> byId.putIfAbsent(e.eventId(), e));
    return List.copyOf(byId.values());
  }

  private static Event only(List<Event> events, UUID messageId, EventType type) {
    List<Event> matching =
        events.stream().filter(e -> e.messageId().equals(messageId) && e.type() == type).toList();
    assertThat(matching).as(type + " events of " + messageId).hasSize(1);
    return matching.get(0);
  }

  private List<String> linksOf(UUID messageId) throws Exception {
    List<String> urls = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT url FROM message_links WHERE message_id = ? ORDER BY link_index")) {
      s.setObject(1, messageId);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          urls.add(rows.getString(1));
        }
      }
    }
    return urls;
  }

  private Map<String, Object> claim(UUID messageId) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT outcome, provider, sender_identity, sending_ip, bounce_class, smtp_response"
                    + " FROM message_claims WHERE message_id = ?")) {
      s.setObject(1, messageId);
      try (ResultSet row = s.executeQuery()) {
        assertThat(row.next()).as("claim of " + messageId).isTrue();
        Map<String, Object> values = new java.util.HashMap<>();
        for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
          values.put(row.getMetaData().getColumnName(i), row.getObject(i));
        }
        return values;
      }
    }
  }
}
