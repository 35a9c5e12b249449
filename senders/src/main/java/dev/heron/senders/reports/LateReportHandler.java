package dev.heron.senders.reports;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.senders.delivery.EventIds;
import dev.heron.senders.delivery.EventSink;
import dev.heron.senders.delivery.Verdict;
import dev.heron.senders.smtp.ReplyClassifier;
import dev.heron.senders.smtp.SmtpReply;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a received report into events: a failed DSN into BOUNCED (its class read from the status
 * and the quoted reply, like a reply in the SMTP transaction), a feedback report into COMPLAINED, a
 * person's reply into REPLIED. A report that cannot be read, or is about a message Heron did not
 * send, is kept with the reason.
 */
public final class LateReportHandler {
  private static final Logger LOG = LoggerFactory.getLogger(LateReportHandler.class);
  public static final String SOURCE = "senders";

  private final ReportParser parser = new ReportParser();
  private final ReplyClassifier classifier = new ReplyClassifier();
  private final ReportStore store;
  private final EventSink events;

  public LateReportHandler(ReportStore store, EventSink events) {
    this.store = store;
    this.events = events;
  }

  /**
   * Handles one received message; returns once its events are durable or it is kept. A failure of
   * the store or of Kafka is thrown, so that the sender of the report tries again later.
   *
   * @return the events it became (empty when it was kept as unreadable, or said nothing final)
   */
  public List<Event> receive(byte[] raw, List<String> envelopeRecipients) {
    List<LateReport> reports;
    try {
      reports = parser.parse(raw, envelopeRecipients);
    } catch (UnreadableReportException e) {
      keep("unreadable", e.getMessage(), raw);
      return List.of();
    }
    List<Event> emitted = new java.util.ArrayList<>();
    for (LateReport report : reports) {
      Optional<MessageFacts> facts = store.message(report.messageId());
      if (facts.isEmpty()) {
        keep(kindOf(report), "no message " + report.messageId() + " was sent by Heron", raw);
        continue;
      }
      Event event = eventOf(report, facts.get());
      events.publish(event);
      emitted.add(event);
    }
    events.flush();
    return emitted;
  }

  private void keep(String kind, String reason, byte[] raw) {
    LOG.warn("late report kept unread: {}", reason);
    store.keepUnreadable(kind, reason, raw);
  }

  private static String kindOf(LateReport report) {
    return switch (report.kind()) {
      case BOUNCE -> "dsn";
      case COMPLAINT -> "arf";
      case REPLY -> "reply";
    };
  }

  /**
   * What makes the event one event: a message bounces or is complained about once, however often
   * the report arrives, but each reply (its author and date) is one of its own.
   */
  private static String eventKey(LateReport report) {
    return report.kind() == LateReport.Kind.REPLY
        ? "reply:" + report.recipient() + ":" + report.reportedAt()
        : kindOf(report);
  }

  Event eventOf(LateReport report, MessageFacts facts) {
    Event.Builder event =
        switch (report.kind()) {
          case COMPLAINT ->
              Event.builder(EventType.COMPLAINED)
                  .reason("feedback report (" + report.feedbackType() + ")" + from(report));
          case REPLY -> Event.builder(EventType.REPLIED).reason("a reply to the message");
          case BOUNCE -> bounce(report);
        };
    return event
        .eventId(EventIds.lateReport(report.messageId(), eventKey(report)))
        .occurredAt(
            (report.reportedAt() != null ? report.reportedAt() : Instant.now())
                .truncatedTo(ChronoUnit.MICROS))
        .source(SOURCE)
        .tenantId(facts.tenantId())
        .campaignId(facts.campaignId())
        .messageId(facts.messageId())
        .recipientId(facts.recipientId())
        .contactId(facts.contactId())
        .channel(facts.channel())
        .variant(facts.variant())
        .sendingIp(facts.sendingIp())
        .provider(facts.provider())
        .senderIdentity(facts.senderIdentity())
        .build();
  }

  private Event.Builder bounce(LateReport report) {
    SmtpReply quoted = SmtpReply.parse(report.diagnostic());
    int code = quoted.code() != 0 ? quoted.code() : report.status().charAt(0) == '5' ? 550 : 450;
    SmtpReply reply = new SmtpReply(code, report.status(), report.diagnostic());
    Verdict verdict = classifier.classify(reply);
    // A report of failure is final even when its code reads as temporary: it ran out of retries.
    Verdict bounce = verdict.type() == EventType.BOUNCED ? verdict : Verdict.SOFT;
    return Event.builder(EventType.BOUNCED)
        .bounceClass(bounce.bounceClass())
        .smtpReply(quoted.code() != 0 ? quoted.code() : null, report.status(), report.diagnostic())
        .reason("late bounce (RFC 3464 delivery status notification)" + from(report));
  }

  private static String from(LateReport report) {
    return report.reportingMta() == null ? "" : " from " + report.reportingMta();
  }
}
