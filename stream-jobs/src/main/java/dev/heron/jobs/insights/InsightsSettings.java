package dev.heron.jobs.insights;

import java.time.Duration;

/**
 * How long the insights job remembers things and how often it writes a busy bucket.
 *
 * @param seenEventsTtl event ids kept for de-duplication (replays and producer retries)
 * @param firstTouchTtl a message's first open and click kept for unique counts
 * @param bucketTtl a bucket's totals kept after its last change
 * @param coalesce how long a bucket's changes gather before its row is written
 * @param combine how long each subtask sums bucket changes before sending them to their bucket
 */
public record InsightsSettings(
    Duration seenEventsTtl,
    Duration firstTouchTtl,
    Duration bucketTtl,
    Duration coalesce,
    Duration combine) {

  public static InsightsSettings defaults() {
    return new InsightsSettings(
        Duration.ofDays(7),
        Duration.ofDays(400),
        Duration.ofDays(35),
        Duration.ofMillis(500),
        Duration.ofMillis(200));
  }

  public InsightsSettings withCoalesce(Duration value) {
    return new InsightsSettings(seenEventsTtl, firstTouchTtl, bucketTtl, value, combine);
  }
}
