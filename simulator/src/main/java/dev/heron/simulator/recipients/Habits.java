package dev.heron.simulator.recipients;

import dev.heron.simulator.Hashes;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A recipient's hidden habits, derived from nothing but a hash of the address and the world's seed:
 * the same address behaves the same way in every run, and Heron never sees these numbers.
 *
 * @param openProbability the chance to open a message that arrives at the preferred hour
 * @param clickProbability the chance to click a link in a message once it is open
 * @param unsubscribeProbability the chance to unsubscribe once a message is open
 * @param openDelayShare where in [0, 1) of the world's longest open delay this person opens
 * @param clickDelayShare where in [0, 1) of the world's longest click delay this person clicks
 * @param preferredHourOfWeek the hour of the week (0 = Monday 00:00 UTC … 167) this person reads
 *     mail
 * @param prefetches whether this person's mail client fetches every image at delivery
 */
public record Habits(
    double openProbability,
    double clickProbability,
    double unsubscribeProbability,
    double openDelayShare,
    double clickDelayShare,
    int preferredHourOfWeek,
    boolean prefetches) {

  public static final int HOURS_PER_WEEK = 7 * 24;

  /** The habits of {@code address} at {@code provider}, drawn from {@code profile}. */
  public static Habits of(String address, String provider, HabitProfile profile, long seed) {
    SplittableRandom random =
        new SplittableRandom(Hashes.of(seed, "habits", address.toLowerCase(Locale.ROOT)));
    double open = between(random, profile.openProbabilityMin(), profile.openProbabilityMax());
    double click = between(random, profile.clickProbabilityMin(), profile.clickProbabilityMax());
    double openDelay = random.nextDouble();
    double clickDelay = random.nextDouble();
    int hour = random.nextInt(HOURS_PER_WEEK);
    double prefetchShare = profile.prefetchShare().getOrDefault(provider, 0.0);
    boolean prefetches = random.nextDouble() < prefetchShare;
    return new Habits(
        open, click, profile.unsubscribeProbability(), openDelay, clickDelay, hour, prefetches);
  }

  /**
   * How well {@code hourOfWeek} suits this person, in (0, 1]: 1 at the preferred hour, falling off
   * within a few hours; the same hour on another day of the week still counts half.
   */
  public double affinity(int hourOfWeek) {
    int week = circularDistance(hourOfWeek, preferredHourOfWeek, HOURS_PER_WEEK);
    int day = circularDistance(hourOfWeek % 24, preferredHourOfWeek % 24, 24);
    double sameWeekHour = Math.exp(-(week * week) / (2.0 * 3 * 3));
    double sameDayHour = 0.5 * Math.exp(-(day * day) / (2.0 * 2 * 2));
    return Math.max(0.05, Math.max(sameWeekHour, sameDayHour));
  }

  private static int circularDistance(int a, int b, int period) {
    int d = Math.floorMod(a - b, period);
    return Math.min(d, period - d);
  }

  private static double between(SplittableRandom random, double min, double max) {
    return min + (max - min) * random.nextDouble();
  }
}
