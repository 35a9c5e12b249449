package dev.heron.simulator.recipients;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * When a person reads a delivered message in the simulated world, and whether they open it then.
 *
 * <p>People do not open mail the second it arrives: they open it the next time they read their
 * mail, and they read mostly at their habitual hours. So the hour of reading is drawn over the
 * {@value #HORIZON_HOURS} hours after delivery with a weight of {@link Habits#affinity} (their
 * hour-of-week habit), halved for each day of waiting ({@value #DAILY_DECAY}: most people read
 * soon), at a random minute of that hour. A share ({@value #READING_AT_DELIVERY}) happen to be
 * reading when it arrives and open it within the live open delay. A message read long after it
 * arrived is buried under newer mail, so the chance to open it halves every {@link
 * #FRESHNESS_HALF_LIFE}: this is what makes sending at a person's hour pay off.
 */
public final class MailReading {
  /** How far ahead of delivery a person may first read the message. */
  public static final int HORIZON_HOURS = 72;

  /** The weight of reading one day later relative to reading now, at the same affinity. */
  public static final double DAILY_DECAY = 0.5;

  /** The share of messages read right at delivery, whatever the hour (the person was reading). */
  public static final double READING_AT_DELIVERY = 0.1;

  /** After this long unread, a message is half as likely to be opened when read. */
  public static final Duration FRESHNESS_HALF_LIFE = Duration.ofHours(24);

  private static final long HOUR_MS = 3_600_000L;

  private MailReading() {}

  /**
   * The simulated instant the person opens the message, never before {@code deliveredAt}; empty
   * when they never do. Always takes the same four numbers from {@code random}, so that the same
   * message delivered at two times is decided with the same draws.
   */
  static Optional<Instant> openedAt(
      Habits habits, Instant deliveredAt, Duration liveOpenDelay, SplittableRandom random) {
    boolean readingAtDelivery = random.nextDouble() < READING_AT_DELIVERY;
    double hourPick = random.nextDouble();
    double minute = random.nextDouble();
    double opening = random.nextDouble();
    Instant readAt =
        readingAtDelivery
            ? deliveredAt.plus(liveOpenDelay)
            : readAt(deliveredAt, pickHour(habits, deliveredAt, hourPick), minute);
    boolean opens =
        opening < habits.openProbability() * freshness(Duration.between(deliveredAt, readAt));
    return opens ? Optional.of(readAt) : Optional.empty();
  }

  /** The chance that a message delivered at {@code deliveredAt} is ever opened (to a minute). */
  public static double openChance(Habits habits, Instant deliveredAt) {
    double[] weights = weights(habits, deliveredAt);
    double total = 0;
    double fresh = 0;
    for (int k = 0; k < weights.length; k++) {
      Instant middle = readAt(deliveredAt, k, 0.5);
      total += weights[k];
      fresh += weights[k] * freshness(Duration.between(deliveredAt, middle));
    }
    return habits.openProbability()
        * (READING_AT_DELIVERY + (1 - READING_AT_DELIVERY) * fresh / total);
  }

  /** How much of the chance to open is left after a message waited {@code unread}. */
  public static double freshness(Duration unread) {
    return Math.pow(0.5, (double) unread.toMillis() / FRESHNESS_HALF_LIFE.toMillis());
  }

  /** Weight of reading in each hour after the delivery's hour began (hour 0 = its remainder). */
  static double[] weights(Habits habits, Instant deliveredAt) {
    long hourStart = hourStart(deliveredAt);
    double[] weights = new double[HORIZON_HOURS];
    for (int k = 0; k < HORIZON_HOURS; k++) {
      Instant start = Instant.ofEpochMilli(hourStart + k * HOUR_MS);
      double weight =
          habits.affinity(EngagementPlan.hourOfWeek(start)) * Math.pow(DAILY_DECAY, k / 24.0);
      weights[k] = k == 0 ? weight * remainingShare(deliveredAt) : weight;
    }
    return weights;
  }

  private static int pickHour(Habits habits, Instant deliveredAt, double pick) {
    double[] weights = weights(habits, deliveredAt);
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double target = pick * total;
    for (int k = 0; k < weights.length; k++) {
      target -= weights[k];
      if (target < 0) {
        return k;
      }
    }
    return weights.length - 1;
  }

  /** An instant in hour {@code k} after the delivery's hour began, never before delivery. */
  private static Instant readAt(Instant deliveredAt, int k, double share) {
    long start = Math.max(deliveredAt.toEpochMilli(), hourStart(deliveredAt) + k * HOUR_MS);
    long end = hourStart(deliveredAt) + (k + 1) * HOUR_MS;
    return Instant.ofEpochMilli(start + (long) ((end - start) * share));
  }

  private static double remainingShare(Instant deliveredAt) {
    return (double) (hourStart(deliveredAt) + HOUR_MS - deliveredAt.toEpochMilli()) / HOUR_MS;
  }

  private static long hourStart(Instant at) {
    return Math.floorDiv(at.toEpochMilli(), HOUR_MS) * HOUR_MS;
  }
}
