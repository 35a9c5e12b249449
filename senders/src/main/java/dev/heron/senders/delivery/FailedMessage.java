package dev.heron.senders.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * A message finished as failed by the store, with what its recipient row knows of it (null fields
 * when there is none), for its outcome event when its request cannot be read.
 */
public record FailedMessage(
    UUID messageId,
    UUID tenantId,
    Instant failedAt,
    UUID campaignId,
    UUID recipientId,
    UUID contactId,
    String channel,
    String variant) {}
