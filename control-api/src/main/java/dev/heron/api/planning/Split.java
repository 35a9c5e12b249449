package dev.heron.api.planning;

import java.util.ArrayList;
import java.util.List;

/**
 * How a campaign's audience divides among its variants. Without a test every contact gets the one
 * variant. With a running A/B test a deterministic {@code testPercent} of the contacts is split
 * among the variants by their {@code splits} (percentages summing to 100) and the rest is held
 * back; once a winner is decided every contact not yet planned gets the winner.
 */
public record Split(List<String> variants, List<Integer> splits, int testPercent, String winner) {
  /** Contacts are placed in 10,000 buckets by a hash of the campaign and the contact. */
  static final int BUCKETS = 10_000;

  public static Split single(String variant) {
    return new Split(List.of(variant), List.of(100), 100, null);
  }

  /** Whether contacts are being held back for a winner. */
  public boolean isTesting() {
    return variants.size() > 1 && winner == null;
  }

  /** Buckets below this are in the test group. */
  int testBuckets() {
    return testPercent * BUCKETS / 100;
  }

  /**
   * The bucket thresholds between consecutive variants within the test group, for {@code
   * width_bucket}: a bucket below the first threshold gets the first variant, and so on.
   */
  List<Integer> thresholds() {
    List<Integer> thresholds = new ArrayList<>();
    int cumulative = 0;
    for (int i = 0; i < splits.size() - 1; i++) {
      cumulative += splits.get(i);
      thresholds.add(cumulative * testBuckets() / 100);
    }
    return thresholds;
  }

  /** The variant a bucket gets, or null when it is held back: the rule the SQL step applies. */
  String variantOf(int bucket) {
    if (winner != null) {
      return winner;
    }
    if (bucket >= testBuckets()) {
      return null;
    }
    List<Integer> thresholds = thresholds();
    int index = 0;
    while (index < thresholds.size() && bucket >= thresholds.get(index)) {
      index++;
    }
    return variants.get(index);
  }
}
