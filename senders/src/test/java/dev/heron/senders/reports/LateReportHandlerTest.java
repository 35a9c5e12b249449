package dev.heron.senders.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.BounceClass;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.senders.delivery.EventSink;
import dev.heron.senders.store.JdbcReportStore;
import dev.heron.senders.store.SendersQueries;
import dev.heron.senders.world.Seed;
import dev.heron.senders.world.TestInfra;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reports against the real database: found messages become events, the rest is kept. */
class LateReportHandlerTest {
  private final List<Event> events = new ArrayList<>();
  private DataSource db;
  private Seed seed;
  private LateReportHandler handler;

  @BeforeEach
  void setUp() throws Exception {
    db = TestInfra.database();
    seed = new Seed(db);
    handler =
        new LateReportHandler(
            new JdbcReportStore(db, SendersQueries.load()),
            new EventSink() {
              @Override
              public void publish(Event event) {
                events.add(event);
              }

              @Override
              public void flush() {}
            });
  }

  /** A message Heron sent from 127.0.0.3 to a gmail mailbox. */
  private Seed.Recipient sent(String address) throws Exception {
    Seed.Recipient r = seed.recipient(seed.campaign(), address);
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO message_claims (message_id, tenant_id, claimed_by, outcome,"
                    + " outcome_at, sending_ip, provider, sender_identity) VALUES (?, ?, 'test',"
                    + " 'DELIVERED', now(), '127.0.0.3', 'gmail', 'news.heron.test')")) {
      s.setObject(1, r.messageId());
      s.setObject(2, seed.tenantId);
      s.executeUpdate();
    }
    return r;
  }

  @Test
  void aLateBounceIsAHardBounceOfTheSentMessage() throws Exception {
    Seed.Recipient r = sent("carol@example.test");

    List<Event> out =
        handler.receive(
            ReportParserTest.report("postfix-dsn.eml", r.messageId()),
            List.of("bounces+" + r.messageId() + "@news.heron.test"));

    assertThat(out)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.BOUNCED);
              assertThat(e.bounceClass()).isEqualTo(BounceClass.HARD);
              assertThat(e.enhancedStatus()).isEqualTo("5.1.1");
              assertThat(e.smtpCode()).isEqualTo(550);
              assertThat(e.smtpResponse()).startsWith("550 5.1.1 <carol@example.test>");
              assertThat(e.tenantId()).isEqualTo(seed.tenantId);
              assertThat(e.recipientId()).isEqualTo(r.recipientId());
              assertThat(e.contactId()).isEqualTo(r.contactId());
              assertThat(e.sendingIp()).isEqualTo("127.0.0.3");
              assertThat(e.provider()).isEqualTo("gmail");
              assertThat(e.reason()).contains("from mx.example.test");
            });
  }

  @Test
  void eachFormatGetsItsClass() throws Exception {
    Seed.Recipient exim = sent("dan@example.test");
    Seed.Recipient yahoo = sent("gina@yahoo.test");
    Seed.Recipient complaint = sent("hank@yahoo.test");

    handler.receive(ReportParserTest.report("exim-dsn.eml", exim.messageId()), List.of());
    handler.receive(ReportParserTest.report("yahoo-plain.eml", yahoo.messageId()), List.of());
    handler.receive(ReportParserTest.report("yahoo-arf.eml", complaint.messageId()), List.of());

    assertThat(events)
        .extracting(Event::messageId, Event::type, Event::bounceClass)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                exim.messageId(), EventType.BOUNCED, BounceClass.HARD),
            org.assertj.core.groups.Tuple.tuple(
                yahoo.messageId(), EventType.BOUNCED, BounceClass.BLOCK),
            org.assertj.core.groups.Tuple.tuple(complaint.messageId(), EventType.COMPLAINED, null));
    assertThat(events.get(2).reason()).isEqualTo("feedback report (abuse)");
  }

  @Test
  void aReplyIsRepliedOnceHoweverOftenItArrivesAndAnAutomaticAnswerIsKept() throws Exception {
    Seed.Recipient r = sent("jill@gmail.test");
    byte[] reply = ReportParserTest.report("gmail-reply.eml", r.messageId());

    List<Event> first = handler.receive(reply, List.of("news@news.heron.test"));
    List<Event> again = handler.receive(reply, List.of("news@news.heron.test"));
    List<Event> automatic =
        handler.receive(
            ReportParserTest.report("auto-reply.eml", r.messageId()),
            List.of("news@news.heron.test"));

    assertThat(first)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.REPLIED);
              assertThat(e.messageId()).isEqualTo(r.messageId());
              assertThat(e.campaignId()).isNotNull();
              assertThat(e.contactId()).isEqualTo(r.contactId());
              assertThat(e.provider()).isEqualTo("gmail");
              assertThat(e.occurredAt()).isEqualTo(java.time.Instant.parse("2026-11-24T08:15:02Z"));
            });
    // The same reply delivered twice is the same event, which consumers count once.
    assertThat(again).extracting(Event::eventId).containsExactly(first.get(0).eventId());
    assertThat(automatic).isEmpty();
    assertThat(kept(r.messageId().toString())).containsExactly("unreadable");
  }

  @Test
  void unreadableReportsAndUnknownMessagesAreKeptWithTheReason() throws Exception {
    String marker = "marker-" + UUID.randomUUID();
    byte[] notAReport =
        ("From: x@example.test\r\nSubject: " + marker + "\r\n\r\nhello\r\n")
            .getBytes(StandardCharsets.UTF_8);
    UUID unknown = UUID.randomUUID();

    assertThat(handler.receive(notAReport, List.of())).isEmpty();
    assertThat(handler.receive(ReportParserTest.report("postfix-dsn.eml", unknown), List.of()))
        .isEmpty();

    assertThat(kept(marker)).containsExactly("unreadable");
    assertThat(kept(unknown.toString())).containsExactly("dsn");
    assertThat(events).isEmpty();
  }

  private List<String> kept(String text) throws Exception {
    List<String> kinds = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT kind, reason FROM unparsed_reports WHERE raw LIKE ?")) {
      s.setString(1, "%" + text + "%");
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          kinds.add(rows.getString(1));
          assertThat(rows.getString(2)).isNotBlank();
        }
      }
    }
    return kinds;
  }
}
