package dev.heron.simulator.recipients;

import java.util.Map;
import java.util.Objects;

/**
 * The population the recipients' hidden habits are drawn from.
 *
 * @param openProbabilityMin the least engaged recipient's chance to open a message
 * @param openProbabilityMax the most engaged recipient's chance to open a message
 * @param clickProbabilityMin the least chance to click, once a message is open
 * @param clickProbabilityMax the greatest chance to click, once a message is open
 * @param unsubscribeProbability the chance to unsubscribe (RFC 8058 one-click), once open
 * @param hourAffinityWeight how much a message arriving far from the recipient's preferred hour of
 *     the week lowers the chance to open it (0: not at all, 1: down to nothing)
 * @param prefetchShare per provider, the share of recipients whose mail client fetches every image
 *     at delivery (as Apple's Mail Privacy Protection does)
 */
public record HabitProfile(
    double openProbabilityMin,
    double openProbabilityMax,
    double clickProbabilityMin,
    double clickProbabilityMax,
    double unsubscribeProbability,
    double hourAffinityWeight,
    Map<String, Double> prefetchShare) {
  public HabitProfile {
    probability("habits.openProbabilityMin", openProbabilityMin);
    probability("habits.openProbabilityMax", openProbabilityMax);
    probability("habits.clickProbabilityMin", clickProbabilityMin);
    probability("habits.clickProbabilityMax", clickProbabilityMax);
    probability("habits.unsubscribeProbability", unsubscribeProbability);
    probability("habits.hourAffinityWeight", hourAffinityWeight);
    if (openProbabilityMin > openProbabilityMax) {
      throw new IllegalArgumentException("habits.openProbabilityMin exceeds openProbabilityMax");
    }
    if (clickProbabilityMin > clickProbabilityMax) {
      throw new IllegalArgumentException("habits.clickProbabilityMin exceeds clickProbabilityMax");
    }
    prefetchShare = Map.copyOf(Objects.requireNonNullElse(prefetchShare, Map.of()));
    prefetchShare.forEach(
        (provider, share) -> probability("habits.prefetchShare." + provider, share));
  }

  private static void probability(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + " must be within [0, 1], was " + value);
    }
  }
}
