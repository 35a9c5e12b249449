package dev.heron.jobs.suppression;

import dev.heron.events.Event;

/**
 * One address to suppress: the message (and contact) whose address it is, why, and the event that
 * said so.
 */
public record Suppression(
    String tenantId,
    String messageId,
    String contactId,
    String channel,
    String reason,
    String sourceEventId,
    String detail,
    long occurredAtMillis) {

  public static Suppression of(Event e, String reason) {
    return new Suppression(
        e.tenantId().toString(),
        e.messageId().toString(),
        e.contactId() == null ? null : e.contactId().toString(),
        e.channel().wireName(),
        reason,
        e.eventId().toString(),
        SuppressionRules.detailOf(e),
        e.occurredAt().toEpochMilli());
  }
}
