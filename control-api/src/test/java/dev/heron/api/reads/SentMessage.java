package dev.heron.api.reads;

import java.util.UUID;

/** A message the test planned through the API and marked as sent, as senders would have. */
public record SentMessage(
    String apiKey,
    UUID tenantId,
    UUID campaignId,
    UUID messageId,
    UUID recipientId,
    UUID contactId,
    UUID identityId,
    UUID listId,
    String address) {}
