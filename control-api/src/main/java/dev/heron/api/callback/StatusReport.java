package dev.heron.api.callback;

import dev.heron.events.BounceClass;
import dev.heron.events.EventType;
import java.time.Instant;
import java.util.UUID;

/**
 * What one provider callback says about one message, before the message is looked up.
 *
 * @param providerMessageId the provider's id of the message (a wamid, a MessageSid), or null
 * @param messageId Heron's message id when the callback carries it, or null
 * @param status the provider's own word for it (delivered, read, undelivered, bounce...)
 * @param type the event it becomes; null for a status that adds nothing (queued, sent...)
 * @param reason for FAILED: the provider's error code and text
 */
record StatusReport(
    String providerMessageId,
    UUID messageId,
    String status,
    EventType type,
    Instant occurredAt,
    String reason,
    BounceClass bounceClass,
    Integer smtpCode,
    String enhancedStatus,
    String smtpResponse) {

  static StatusReport of(
      String providerMessageId, UUID messageId, String status, EventType type, Instant at) {
    return new StatusReport(
        providerMessageId, messageId, status, type, at, null, null, null, null, null);
  }

  StatusReport withReason(String why) {
    return new StatusReport(
        providerMessageId,
        messageId,
        status,
        type,
        occurredAt,
        why,
        bounceClass,
        smtpCode,
        enhancedStatus,
        smtpResponse);
  }
}
