package dev.heron.jobs.abtest;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When an A/B test has a winner. Plain Java: no Flink in here.
 *
 * <p>The best variant by rate is compared with the runner-up by a two-proportion z-test. Because
 * the test is looked at again and again while it runs, stopping early needs a strict bar ({@link
 * #EARLY_STOP_Z}, p &lt; 0.001 two-sided, as in the Haybittle–Peto boundary) and a minimum sample
 * per variant; once the test window ends, the best rate wins whatever its significance.
 */
public final class AbTestRules {
  public static final double EARLY_STOP_Z = 3.29;
  public static final long MIN_SAMPLE = 100;

  private AbTestRules() {}

  /** One variant's sends and successes (messages with at least one of the metric's events). */
  public record VariantTally(String variant, long sent, long successes) {
    public double rate() {
      return sent == 0 ? 0 : (double) successes / sent;
    }
  }

  /** The outcome: the winner, why, and the statistic it rests on. */
  public record Verdict(String winner, String reason, double z, List<VariantTally> variants) {}

  /** z of the two-proportion test of {@code a} against {@code b} (pooled variance). */
  public static double z(VariantTally a, VariantTally b) {
    if (a.sent() == 0 || b.sent() == 0) {
      return 0;
    }
    double pooled = (double) (a.successes() + b.successes()) / (a.sent() + b.sent());
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / a.sent() + 1.0 / b.sent()));
    return se == 0 ? 0 : (a.rate() - b.rate()) / se;
  }

  /** A winner while the test runs, only when the best variant is clearly better. */
  public static Optional<Verdict> earlyWinner(List<VariantTally> variants) {
    List<VariantTally> ranked = ranked(variants);
    if (ranked.size() < 2) {
      return Optional.empty();
    }
    VariantTally best = ranked.get(0);
    VariantTally second = ranked.get(1);
    if (best.sent() < MIN_SAMPLE || second.sent() < MIN_SAMPLE) {
      return Optional.empty();
    }
    double z = z(best, second);
    if (z < EARLY_STOP_Z) {
      return Optional.empty();
    }
    return Optional.of(
        new Verdict(
            best.variant(),
            String.format(Locale.ROOT, "significant: z=%.2f >= %.2f", z, EARLY_STOP_Z),
            z,
            ranked));
  }

  /** The winner once the window has ended: the best rate, however close. */
  public static Optional<Verdict> windowWinner(List<VariantTally> variants) {
    List<VariantTally> ranked = ranked(variants);
    if (ranked.isEmpty()) {
      return Optional.empty();
    }
    double z = ranked.size() > 1 ? z(ranked.get(0), ranked.get(1)) : 0;
    return Optional.of(
        new Verdict(
            ranked.get(0).variant(),
            String.format(Locale.ROOT, "test window ended: best rate (z=%.2f)", z),
            z,
            ranked));
  }

  /** Best rate first; ties go to more sends, then to the variant's name. */
  static List<VariantTally> ranked(List<VariantTally> variants) {
    return variants.stream()
        .sorted(
            Comparator.comparingDouble(VariantTally::rate)
                .reversed()
                .thenComparing(Comparator.comparingLong(VariantTally::sent).reversed())
                .thenComparing(VariantTally::variant))
        .toList();
  }
}
