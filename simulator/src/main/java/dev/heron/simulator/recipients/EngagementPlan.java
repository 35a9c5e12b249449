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
 * @param openedAt in the simulated world (weeks of history played at simulated times), when the
 *     person opens it: the next time they read their mail, mostly at their habitual hours ({@link
 *     MailReading}); empty when never. Live runs keep using {@code openAfter}, seconds after
 *     delivery, and this is decided with its own draws so that every other field is as before.
 * @param clickedAt in the simulated world, when the person clicks: {@code clickAfter}'s delay after
 *     {@code openedAt}, when the person is one who clicks this message; empty when never
 */
public record EngagementPlan(
    boolean prefetch,
    Optional<Duration> openAfter,
    Optional<Duration> clickAfter,
    int linkChoice,
    Optional<Duration> unsubscribeAfter,
    Optional<Instant> openedAt,
    Optional<Instant> clickedAt) {

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
    // the simulated world's reading gets its own stream: the draws above stay what they were
    SplittableRandom reading =
        new SplittableRandom(
            Hashes.of(seed, "reading", address.toLowerCase(Locale.ROOT), messageKey));
    Optional<Instant> openedAt = MailReading.openedAt(habits, deliveredAt, openAfter, reading);
    return new EngagementPlan(
        habits.prefetches(),
        opens ? Optional.of(openAfter) : Optional.empty(),
        opens && clicks ? Optional.of(clickAfter) : Optional.empty(),
        linkChoice,
        opens && unsubscribes ? Optional.of(clickAfter) : Optional.empty(),
        openedAt,
        clicks ? openedAt.map(at -> at.plus(clickAfter)) : Optional.empty());
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
