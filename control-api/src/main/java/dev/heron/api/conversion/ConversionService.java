package dev.heron.api.conversion;

import dev.heron.api.db.Db;
import dev.heron.api.error.ApiException;
import dev.heron.api.spool.EventSpool;
import dev.heron.api.tracking.TrackedMessage;
import dev.heron.api.tracking.TrackedMessages;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Records a conversion and publishes its CONVERTED event. The row and the spooled event are made in
 * one transaction, the event first: a conversion answered is never lost, and one whose order was
 * recorded before is not counted again.
 */
@Singleton
class ConversionService {
  /** How far ahead of this clock a reported time may be before it is refused as in the future. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final Db db;
  private final TrackedMessages messages;
  private final EventSpool events;

  ConversionService(Db db, TrackedMessages messages, EventSpool events) {
    this.db = db.withQueries(ConversionQueries.FILE, ConversionQueries.ALL);
    this.messages = messages;
    this.events = events;
  }

  ConversionRequests.Recorded report(UUID tenantId, ConversionRequests.Report report) {
    Instant now = Instant.now();
    Instant at = report.occurredAt() == null ? now : report.occurredAt();
    if (at.isAfter(now.plus(CLOCK_SKEW))) {
      throw ApiException.badRequest("occurredAt", "occurredAt " + at + " is in the future");
    }
    TrackedMessage message = messageOf(tenantId, report);
    UUID eventId = eventId(tenantId, report.orderId());
    Event event =
        message
            .event(EventType.CONVERTED, at.truncatedTo(ChronoUnit.MICROS))
            .eventId(eventId)
            .value(report.value())
            .build();
    return db.transaction(
        tx -> {
          Optional<UUID> recorded =
              tx.one(
                  ConversionQueries.RECORD,
                  row -> (UUID) row.getObject("event_id"),
                  eventId,
                  tenantId,
                  report.orderId(),
                  message.messageId(),
                  message.campaignId(),
                  message.contactId(),
                  report.value(),
                  event.occurredAt());
          if (recorded.isEmpty()) {
            return tx.one(
                    ConversionQueries.OF_ORDER,
                    row -> ConversionRequests.Recorded.repeatOf(row, report.orderId()),
                    tenantId,
                    report.orderId())
                .orElseThrow();
          }
          // Durable before the row commits: a failure here leaves no row, so a retry records it.
          events.appendDurably(event);
          return new ConversionRequests.Recorded(
              eventId,
              message.messageId(),
              message.campaignId(),
              message.contactId(),
              report.value(),
              event.occurredAt(),
              report.orderId(),
              false);
        });
  }

  /** The tenant's message the conversion is credited to; another tenant's is as good as none. */
  private TrackedMessage messageOf(UUID tenantId, ConversionRequests.Report report) {
    if (report.messageId() != null) {
      return messages
          .find(report.messageId())
          .filter(m -> m.tenantId().equals(tenantId))
          .orElseThrow(
              () ->
                  ApiException.badRequest(
                      "messageId", "no message " + report.messageId() + " was sent"));
    }
    if (report.campaignId() == null || report.contactId() == null) {
      String missing = report.campaignId() == null ? "campaignId" : "contactId";
      throw ApiException.badRequest(
          missing, "name the message: messageId, or campaignId and contactId");
    }
    return db.transaction(
            tx ->
                tx.one(
                    ConversionQueries.MESSAGE_OF_CONTACT,
                    row -> (UUID) row.getObject("message_id"),
                    tenantId,
                    report.campaignId(),
                    report.contactId()))
        .flatMap(messages::find)
        .orElseThrow(
            () ->
                ApiException.badRequest(
                    "contactId",
                    "campaign "
                        + report.campaignId()
                        + " sent no message to contact "
                        + report.contactId()));
  }

  /** The same for every report of one order, so that its event is one event wherever it lands. */
  static UUID eventId(UUID tenantId, String orderId) {
    return orderId == null
        ? UUID.randomUUID()
        : UUID.nameUUIDFromBytes(
            ("conversion:" + tenantId + ":" + orderId).getBytes(StandardCharsets.UTF_8));
  }
}
