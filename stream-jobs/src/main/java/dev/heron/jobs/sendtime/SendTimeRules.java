package dev.heron.jobs.sendtime;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The send-time model. Plain Java: no Flink in here.
 *
 * <p>A contact's human opens and clicks are counted by hour of the week in the contact's time zone
 * (0 = Monday 00:00), each weighted down by half every {@link #HALF_LIFE} as it ages, and spread
 * over the neighbouring hours and a little over the same hours of the other days ({@link #smooth}).
 * The model is the Dirichlet posterior: the contact's weights plus {@link #PRIOR_STRENGTH}
 * pseudo-observations spread like the tenant's population, so that a contact with two opens gets
 * the population's hours nudged toward its own, and one with fifty gets its own.
 */
public final class SendTimeRules {
  public static final int HOURS_OF_WEEK = 168;
  public static final Duration HALF_LIFE = Duration.ofDays(60);
  public static final double PRIOR_STRENGTH = 5;
  public static final int BEST_HOURS = 3;
  public static final String MODEL_VERSION = "dirichlet-decay-kernel-v2";

  private SendTimeRules() {}

  public static int hourOfWeek(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    return (local.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + local.getHour();
  }

  /**
   * {@code histogram} with one more observation at {@code hour} and time {@code atMillis}. The
   * weights are kept as of the newest observation: a newer one first ages the others, an older
   * (late) one counts for less.
   */
  public static DecayedHistogram observe(DecayedHistogram histogram, int hour, long atMillis) {
    DecayedHistogram h = histogram == null ? DecayedHistogram.empty(atMillis) : histogram;
    double[] weights = h.weights().clone();
    long asOf = h.asOfMillis();
    if (atMillis > asOf) {
      double factor = decay(atMillis - asOf);
      for (int i = 0; i < weights.length; i++) {
        weights[i] *= factor;
      }
      asOf = atMillis;
      weights[hour] += 1;
    } else {
      weights[hour] += decay(asOf - atMillis);
    }
    return new DecayedHistogram(weights, asOf, h.observations() + 1);
  }

  static double decay(long ageMillis) {
    return Math.pow(0.5, (double) ageMillis / HALF_LIFE.toMillis());
  }

  /**
   * The population's shape: the tenant's weights smoothed like a contact's and normalized, or
   * uniform without any.
   */
  public static double[] priorShape(DecayedHistogram population) {
    double[] shape = new double[HOURS_OF_WEEK];
    double[] smoothed = population == null ? shape : smooth(population.weights());
    double total = Arrays.stream(smoothed).sum();
    for (int i = 0; i < HOURS_OF_WEEK; i++) {
      shape[i] = total > 0 ? smoothed[i] / total : 1.0 / HOURS_OF_WEEK;
    }
    return shape;
  }

  /** The posterior probability of each hour of the week. */
  public static double[] posterior(DecayedHistogram contact, double[] priorShape) {
    double[] own = smooth(contact.weights());
    double total = Arrays.stream(own).sum();
    double[] p = new double[HOURS_OF_WEEK];
    for (int i = 0; i < HOURS_OF_WEEK; i++) {
      p[i] = (own[i] + PRIOR_STRENGTH * priorShape[i]) / (total + PRIOR_STRENGTH);
    }
    return p;
  }

  /**
   * Each observation spread over the hours around it and over the same hours on the other days,
   * keeping its weight: a person's rhythm is smooth within a day and repeats from day to day, so an
   * open at 09:10 on Tuesday says something about 10:00 Tuesday and about 09:00 Wednesday. With a
   * dozen opens scattered by when campaigns happened to go out, this finds the habit that the raw
   * counts hide in noise.
   */
  public static double[] smooth(double[] weights) {
    double[] smoothed = new double[HOURS_OF_WEEK];
    for (int from = 0; from < HOURS_OF_WEEK; from++) {
      if (weights[from] == 0) {
        continue;
      }
      for (int to = 0; to < HOURS_OF_WEEK; to++) {
        smoothed[to] += weights[from] * KERNEL[Math.floorMod(to - from, HOURS_OF_WEEK)];
      }
    }
    return smoothed;
  }

  /** Within-day spread (hours) and how much the same hour on another day counts. */
  static final double KERNEL_HOURS = 2;

  static final double OTHER_DAYS = 0.1;
  private static final double[] KERNEL = kernel();

  /** The kernel by offset in hours, summing to 1. */
  private static double[] kernel() {
    double[] k = new double[HOURS_OF_WEEK];
    double sum = 0;
    for (int offset = 0; offset < HOURS_OF_WEEK; offset++) {
      int week = Math.min(offset, HOURS_OF_WEEK - offset);
      int day = Math.min(offset % 24, 24 - offset % 24);
      double sameDay = week < 24 ? gauss(week) : 0;
      k[offset] = Math.max(sameDay, OTHER_DAYS * gauss(day));
      sum += k[offset];
    }
    for (int offset = 0; offset < HOURS_OF_WEEK; offset++) {
      k[offset] /= sum;
    }
    return k;
  }

  private static double gauss(int hours) {
    return Math.exp(-(hours * hours) / (2 * KERNEL_HOURS * KERNEL_HOURS));
  }

  /** The {@link #BEST_HOURS} most likely hours, best first (ties: earlier hour first). */
  public static int[] bestHours(double[] posterior) {
    return IntStream.range(0, HOURS_OF_WEEK)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer h) -> -posterior[h]).thenComparing(h -> h))
        .limit(BEST_HOURS)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /**
   * How much to trust the best hours, in [0, 1]: the share of evidence that is the contact's own
   * times how much more likely the best hours are than any three hours would be, on a scale where 1
   * is a contact who always engages at the same hour.
   */
  public static double confidence(DecayedHistogram contact, double[] posterior, int[] best) {
    double own = Arrays.stream(contact.weights()).sum();
    double evidence = own / (own + PRIOR_STRENGTH);
    double top = Arrays.stream(best).mapToDouble(h -> posterior[h]).sum();
    double chance = (double) BEST_HOURS / HOURS_OF_WEEK;
    // the most a contact who always engages at one hour can put in its best hours, once smoothed
    double sharpest = KERNEL[0] + KERNEL[1] + KERNEL[HOURS_OF_WEEK - 1];
    double peak = Math.min(1, Math.max(0, (top - chance) / (sharpest - chance)));
    return evidence * peak;
  }
}
