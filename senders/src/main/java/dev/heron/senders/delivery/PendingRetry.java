package dev.heron.senders.delivery;

import dev.heron.events.SendRequest;
import java.time.Instant;

/**
 * A deferred message waiting for its next try.
 *
 * @param attempt the number of the try that is due
 * @param firstAttemptAt when the first try was made: the retries' expiry counts from it
 * @param sentAt when it was first handed to a provider, null if never
 * @param sendingIp the source address of the last try, kept for the next (greylisting)
 */
public record PendingRetry(
    SendRequest request,
    int attempt,
    Instant dueAt,
    Instant firstAttemptAt,
    Instant sentAt,
    String sendingIp) {}
