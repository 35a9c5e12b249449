package dev.heron.api.webhook;

import io.github.resilience4j.core.IntervalFunction;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/**
 * When a failed delivery is tried again. Attempts are scheduled in the database rather than held in
 * memory, so a retry survives a restart and any instance may make it; the backoff itself is
 * resilience4j's exponential random backoff.
 */
@Singleton
public class WebhookRetryPolicy {
  private final int maxAttempts;
  private final IntervalFunction backoff;

  public WebhookRetryPolicy(WebhookSettings settings) {
    this.maxAttempts = settings.maxAttempts();
    this.backoff =
        settings.jitter() > 0
            ? IntervalFunction.ofExponentialRandomBackoff(
                settings.firstDelay(),
                settings.multiplier(),
                settings.jitter(),
                settings.longestDelay())
            : IntervalFunction.ofExponentialBackoff(
                settings.firstDelay(), settings.multiplier(), settings.longestDelay());
  }

  /** The wait before the next attempt after {@code attempts} failed ones; empty: give up. */
  public Optional<Duration> nextDelay(int attempts) {
    if (attempts >= maxAttempts) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofMillis(backoff.apply(attempts)));
  }

  public int maxAttempts() {
    return maxAttempts;
  }
}
