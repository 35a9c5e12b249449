package dev.heron.senders.delivery;

import java.time.Duration;

/**
 * How deferred messages are retried: up to {@code maxAttempts} tries in all, waiting {@code
 * firstBackoff} and then twice as long each time. After the last try the message is a soft bounce.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofSeconds(2));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be 1 or more, was " + maxAttempts);
    }
  }

  /** The wait before try {@code attempt + 1}. */
  public Duration backoffAfter(int attempt) {
    return firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
  }
}
