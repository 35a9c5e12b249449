package dev.heron.senders.delivery;

import java.util.UUID;

/**
 * A due retry whose stored request cannot be decoded.
 *
 * @param payload the stored request, as text
 * @param reason what is wrong with it, naming the field
 */
public record UnreadableRetry(UUID messageId, UUID tenantId, String payload, String reason) {}
