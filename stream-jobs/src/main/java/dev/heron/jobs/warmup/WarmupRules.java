package dev.heron.jobs.warmup;

import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;

/** When an IP's warmup pauses. Plain Java: no Flink in here. */
public final class WarmupRules {
  private WarmupRules() {}

  /**
   * Pause when today's bounce rate is above {@code maxBounceRate} or its complaint rate above
   * {@code maxComplaintRate}, once at least {@code minVolume} messages were sent today, so that two
   * bounces out of the first ten do not stop a warmup.
   */
  public record Thresholds(double maxBounceRate, double maxComplaintRate, long minVolume)
      implements Serializable {
    public static Thresholds standard() {
      return new Thresholds(0.03, 0.001, 50);
    }
  }

  /** Why the IP must pause, or nothing while it may go on. */
  public static Optional<String> pauseReason(
      long sent, long bounced, long complained, Thresholds limits) {
    if (sent < limits.minVolume()) {
      return Optional.empty();
    }
    double bounceRate = (double) bounced / sent;
    if (bounceRate > limits.maxBounceRate()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "bounce rate %.2f%% above %.2f%% (%d of %d sent)",
              100 * bounceRate,
              100 * limits.maxBounceRate(),
              bounced,
              sent));
    }
    double complaintRate = (double) complained / sent;
    if (complaintRate > limits.maxComplaintRate()) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "complaint rate %.3f%% above %.3f%% (%d of %d sent)",
              100 * complaintRate,
              100 * limits.maxComplaintRate(),
              complained,
              sent));
    }
    return Optional.empty();
  }

  /**
   * The schedule day after a day ends: a day the IP spent paused does not count, so it resumes the
   * next day at the same volume.
   */
  public static int nextScheduleDay(int scheduleDay, boolean pausedThatDay) {
    return pausedThatDay ? scheduleDay : scheduleDay + 1;
  }
}
