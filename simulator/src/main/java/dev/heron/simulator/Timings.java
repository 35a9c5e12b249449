package dev.heron.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * How long things take in the simulated world. Seconds rather than hours, so that a demo shows
 * greylisting, late bounces and opens while one watches; tests shrink them further.
 *
 * @param slowReply how long a {@code slow*} recipient's RCPT TO waits before its reply
 * @param greylistRetryAfter how long a greylisted triplet must wait before a retry is accepted
 * @param reportDelay how long after acceptance a late DSN or an ARF complaint is sent
 * @param openDelayMax the longest a recipient waits after delivery before opening
 * @param clickDelayMax the longest a recipient waits after opening before clicking
 */
public record Timings(
    Duration slowReply,
    Duration greylistRetryAfter,
    Duration reportDelay,
    Duration openDelayMax,
    Duration clickDelayMax) {
  public Timings {
    Objects.requireNonNull(slowReply, "timings.slowReply");
    Objects.requireNonNull(greylistRetryAfter, "timings.greylistRetryAfter");
    Objects.requireNonNull(reportDelay, "timings.reportDelay");
    Objects.requireNonNull(openDelayMax, "timings.openDelayMax");
    Objects.requireNonNull(clickDelayMax, "timings.clickDelayMax");
  }
}
