package dev.heron.senders.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * How deferred messages are retried: waiting {@code firstBackoff} and then twice as long each time,
 * up to {@code maxAttempts} tries in all and for no longer than {@code expiry} after the first.
 * Then the message is a soft bounce, with the last reply.
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration expiry) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofHours(4));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be 1 or more, was " + maxAttempts);
    }
  }

  public RetryPolicy(int maxAttempts, Duration firstBackoff) {
    this(maxAttempts, firstBackoff, Duration.ofHours(4));
  }

  /** The wait before try {@code attempt + 1}. */
  public Duration backoffAfter(int attempt) {
    return firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
  }

  /** When try {@code attempt + 1} is due, or null when there is to be none. */
  public Instant nextTry(int attempt, Instant firstAttemptAt, Instant now) {
    if (attempt >= maxAttempts) {
      return null;
    }
    Instant due = now.plus(backoffAfter(attempt));
    return due.isAfter(firstAttemptAt.plus(expiry)) ? null : due;
  }
}
