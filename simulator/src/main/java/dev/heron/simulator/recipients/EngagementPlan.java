package dev.heron.simulator.recipients;

import dev.heron.simulator.Hashes;
import dev.heron.simulator.Timings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * What one recipient will do with one delivered message, decided at delivery from the habits and a
 * hash of the message, so that it is the same in every run with the same seed.
 *
 * @param prefetch a machine fetch of the images right at delivery
 * @param openAfter when the person opens it, after delivery; empty when never
 * @param clickAfter when the person clicks, after opening; empty when never
 * @param linkChoice a number that picks which of the message's tracked links is clicked
 * @param unsubscribeAfter when the person unsubscribes with one click, after opening; empty when
 *     never
 */
public record EngagementPlan(
    boolean prefetch,
    Optional<Duration> openAfter,
    Optional<Duration> clickAfter,
    int linkChoice,
    Optional<Duration> unsubscribeAfter) {

  public static EngagementPlan of(
      String address,
      String messageKey,
      Habits habits,
      double hourAffinityWeight,
      Instant deliveredAt,
      Timings timings,
      long seed) {
    SplittableRandom random =
        new SplittableRandom(
            Hashes.of(seed, "message", address.toLowerCase(Locale.ROOT), messageKey));
    int hourOfWeek = hourOfWeek(deliveredAt);
    double openChance =
        habits.openProbability()
            * (1 - hourAffinityWeight + hourAffinityWeight * habits.affinity(hourOfWeek));
    boolean opens = random.nextDouble() < openChance;
    boolean clicks = random.nextDouble() < habits.clickProbability();
    boolean unsubscribes = random.nextDouble() < habits.unsubscribeProbability();
    int linkChoice = random.nextInt(Integer.MAX_VALUE);
    double jitter = random.nextDouble();
    Duration openAfter = share(timings.openDelayMax(), (habits.openDelayShare() + jitter) / 2);
    Duration clickAfter = share(timings.clickDelayMax(), (habits.clickDelayShare() + jitter) / 2);
    return new EngagementPlan(
        habits.prefetches(),
        opens ? Optional.of(openAfter) : Optional.empty(),
        opens && clicks ? Optional.of(clickAfter) : Optional.empty(),
        linkChoice,
        opens && unsubscribes ? Optional.of(clickAfter) : Optional.empty());
  }

  /** Monday 00:00 UTC is hour 0. */
  public static int hourOfWeek(Instant at) {
    ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
    return (utc.getDayOfWeek().getValue() - 1) * 24 + utc.getHour();
  }

  private static Duration share(Duration max, double share) {
    return Duration.ofMillis(Math.round(max.toMillis() * share));
  }
}
