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
 * (0 = Monday 00:00), each weighted down by half every {@link #HALF_LIFE} as it ages. The model is
 * the Dirichlet posterior: the contact's weights plus {@link #PRIOR_STRENGTH} pseudo-observations
 * spread like the tenant's population, so that a contact with two opens gets the population's hours
 * nudged toward its own, and one with fifty gets its own.
 */
public final class SendTimeRules {
  public static final int HOURS_OF_WEEK = 168;
  public static final Duration HALF_LIFE = Duration.ofDays(60);
  public static final double PRIOR_STRENGTH = 5;
  public static final int BEST_HOURS = 3;
  public static final String MODEL_VERSION = "dirichlet-decay-v1";

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

  /** The population's shape: the tenant's weights normalized, or uniform without any. */
  public static double[] priorShape(DecayedHistogram population) {
    double[] shape = new double[HOURS_OF_WEEK];
    double total = population == null ? 0 : Arrays.stream(population.weights()).sum();
    for (int i = 0; i < HOURS_OF_WEEK; i++) {
      shape[i] = total > 0 ? population.weights()[i] / total : 1.0 / HOURS_OF_WEEK;
    }
    return shape;
  }

  /** The posterior probability of each hour of the week. */
  public static double[] posterior(DecayedHistogram contact, double[] priorShape) {
    double total = Arrays.stream(contact.weights()).sum();
    double[] p = new double[HOURS_OF_WEEK];
    for (int i = 0; i < HOURS_OF_WEEK; i++) {
      p[i] = (contact.weights()[i] + PRIOR_STRENGTH * priorShape[i]) / (total + PRIOR_STRENGTH);
    }
    return p;
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
   * times how much more likely the best hours are than any three hours would be.
   */
  public static double confidence(DecayedHistogram contact, double[] posterior, int[] best) {
    double own = Arrays.stream(contact.weights()).sum();
    double evidence = own / (own + PRIOR_STRENGTH);
    double top = Arrays.stream(best).mapToDouble(h -> posterior[h]).sum();
    double chance = (double) BEST_HOURS / HOURS_OF_WEEK;
    double peak = Math.max(0, (top - chance) / (1 - chance));
    return evidence * peak;
  }
}
