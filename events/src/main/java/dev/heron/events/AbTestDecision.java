package dev.heron.events;

import java.time.Instant;
import java.util.List;

/**
 * A decided A/B test, published once on {@link Topics#AB_DECISIONS} under the test id: the winning
 * variant, why it won and every variant's tally of the test's metric.
 *
 * @param metric opens, clicks or conversions: what {@code successes} counts
 * @param reason why now: a significant difference, or the end of the test window
 * @param z the two-proportion z statistic of the winner against the runner-up
 * @param decidedAt the event time of the decision
 * @param variants best rate first
 */
public record AbTestDecision(
    String testId,
    String campaignId,
    String metric,
    String winner,
    String reason,
    double z,
    Instant decidedAt,
    List<VariantResult> variants) {

  public AbTestDecision {
    variants = List.copyOf(variants);
  }

  /**
   * One variant's tally.
   *
   * @param sent messages of the variant sent
   * @param successes messages with at least one event of the test's metric
   */
  public record VariantResult(String variant, long sent, long successes, double rate) {}

  /** The record key on {@link Topics#AB_DECISIONS}. */
  public String key() {
    return testId;
  }
}
