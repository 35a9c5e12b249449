package dev.heron.api.spool;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;

/**
 * The pauses of a loop that retries one batch until it goes through (the spool's shipper while
 * Kafka is away, the open recorder while the database is): 200 ms after the first failure, twice as
 * long after each further one, at most 5 s (resilience4j's exponential backoff); the first success
 * starts over. Used by one thread.
 */
public final class RetryPause {
  private static final IntervalFunction BACKOFF =
      IntervalFunction.ofExponentialBackoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(5));

  private int failures;

  /** The batch went through: the next failure pauses the shortest time again. */
  public void succeeded() {
    failures = 0;
  }

  /**
   * Sleeps as long as the failures so far call for; false when interrupted, with the thread's
   * interrupt flag set again.
   */
  public boolean afterFailure() {
    failures++;
    try {
      Thread.sleep(after(failures).toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The pause after {@code failures} failures in a row. */
  static Duration after(int failures) {
    return Duration.ofMillis(BACKOFF.apply(failures));
  }
}
