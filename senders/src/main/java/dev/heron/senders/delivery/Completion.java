package dev.heron.senders.delivery;

import java.time.Instant;

/**
 * A message's final outcome as recorded on its claim.
 *
 * @param attempts how many tries it took (0 when it was decided before any)
 * @param sentAt when it was first handed to the provider; null when it never was
 * @param completedAt when the outcome was decided: the time of the outcome event
 */
public record Completion(
    DeliveryAttempt outcome, int attempts, Instant sentAt, Instant completedAt) {}
