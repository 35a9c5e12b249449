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
 * <p>A person has a peak hour of the week when they read mail; the model finds, for each of the 168
 * hours, how likely it is to be that peak given the person's readings (their first human open or
 * click of each message), and picks the three likeliest. A reading says less than its hour: a
 * message is read the next time the person looks at mail after it arrives, so an open at 20:00 of a
 * message delivered at 19:30 says little (it had one chance), while an open at 09:00 of a message
 * that arrived at 22:00 the day before says a lot (the person skipped the evening and the night).
 * So each reading is scored with its delivery ({@link #readingLikelihood}): the chance that, with a
 * peak at h, the message is read and opened at that hour rather than at any other hour after its
 * delivery. This is why the job keeps each contact's recent deliveries.
 *
 * <p>The habit's shape ({@link #habit}) is an assumption, not fitted to any population: a bump of
 * {@value #HABIT_SPREAD_HOURS} hours either side of the peak, the same hour on the other days of
 * the week at {@value #OTHER_DAYS} of the peak (people keep their hour of day across days far more
 * than their day), and {@value #ANY_HOUR} at any hour (anyone may glance at mail at any time).
 *
 * <p>The tenant's population enters as {@link #PRIOR_STRENGTH} pseudo-readings spread like its
 * contacts' readings: a contact with two readings gets the population's hours nudged toward its
 * own, one with fifty gets its own. Readings age by half every {@link #HALF_LIFE}.
 */
public final class SendTimeRules {
  public static final int HOURS_OF_WEEK = 168;

  /**
   * Why half a year: pinning one hour of 168 takes a few dozen readings, which at a few campaigns a
   * week is months of mail; a habit moves more slowly than that (a new job, a season), and a
   * shorter half-life threw away much of that evidence (offline, 26 weeks of 3 campaigns: 60 days
   * found 47 % of true hours, 180 days 54 %, ten years 55 %; docs/benchmarks.md).
   */
  public static final Duration HALF_LIFE = Duration.ofDays(180);

  public static final double PRIOR_STRENGTH = 5;
  public static final int BEST_HOURS = 3;

  /** The newest readings a contact's model keeps (older ones have aged to little anyway). */
  public static final int MAX_READINGS = 256;

  /**
   * A delivery this old is forgotten: a message first read later than this says nothing about when
   * it arrived, and its reading counts without a delivery.
   */
  public static final Duration READ_HORIZON = Duration.ofDays(7);

  public static final String MODEL_VERSION = "peak-hour-exposure-v3";

  /** Hours either side of the peak over which the habit falls off (a Gaussian's sigma). */
  static final double HABIT_SPREAD_HOURS = 2;

  /** How much the same hour on another day counts, against the peak. */
  static final double OTHER_DAYS = 0.5;

  /** The habit at any hour: nobody never reads at some hour. */
  static final double ANY_HOUR = 0.05;

  /** The share of messages read as they arrive, whatever the hour (the person was reading). */
  static final double AT_DELIVERY = 0.1;

  /** After this long, a person who has not read a message yet is half as likely to look. */
  static final double READ_HALF_LIFE_HOURS = 24;

  /** After this long unread, a message is half as likely to be opened when seen (newer mail). */
  static final double OPEN_HALF_LIFE_HOURS = 24;

  private static final double[] HABIT = habitByOffset();
  private static final double[] LOG_UNANCHORED = logUnanchored();
  private static final double[] READ_LATER = byDelay(READ_HALF_LIFE_HOURS);
  private static final double[] READ_AND_OPEN = readAndOpen();
  private static final double[] READ_NORMALIZER = readNormalizer();
  private static final double[] KERNEL = kernel();

  private SendTimeRules() {}

  public static int hourOfWeek(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    return (local.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + local.getHour();
  }

  /**
   * A first open or click of a message at {@code hourOfWeek}, {@code atMillis}; with the message's
   * delivery when the job saw it within {@link #READ_HORIZON}, or {@code null}.
   */
  public static Reading reading(int hourOfWeek, long atMillis, Delivery delivery) {
    if (delivery == null
        || atMillis < delivery.atMillis()
        || atMillis - delivery.atMillis() >= READ_HORIZON.toMillis()) {
      return new Reading(hourOfWeek, Reading.NOT_DELIVERED, atMillis);
    }
    return new Reading(hourOfWeek, delivery.hourOfWeek(), atMillis);
  }

  /** {@code readings} with one more; the newest {@link #MAX_READINGS} are kept. */
  public static ContactReadings add(ContactReadings readings, Reading reading) {
    ContactReadings r = readings == null ? ContactReadings.NONE : readings;
    Reading[] kept = Arrays.copyOf(r.readings(), Math.min(r.readings().length + 1, MAX_READINGS));
    int at = kept.length - 1;
    if (r.readings().length == MAX_READINGS) {
      System.arraycopy(r.readings(), 1, kept, 0, MAX_READINGS - 1); // drop the oldest
    }
    kept[at] = reading;
    return new ContactReadings(kept, Math.max(r.asOfMillis(), reading.atMillis()));
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
    return Math.pow(0.5, (double) Math.max(0, ageMillis) / HALF_LIFE.toMillis());
  }

  /**
   * The population's shape: the tenant's weights smoothed over neighbouring hours and the same hour
   * of other days, and normalized; uniform without any.
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

  /**
   * The posterior probability of each hour of the week being the contact's peak: the population's
   * pseudo-readings and the contact's readings, each aged as of the newest.
   */
  public static double[] posterior(ContactReadings contact, double[] priorShape) {
    double[] log = new double[HOURS_OF_WEEK];
    for (int peak = 0; peak < HOURS_OF_WEEK; peak++) {
      double prior = 0;
      for (int hour = 0; hour < HOURS_OF_WEEK; hour++) {
        prior += priorShape[hour] * LOG_UNANCHORED[Math.floorMod(hour - peak, HOURS_OF_WEEK)];
      }
      log[peak] = PRIOR_STRENGTH * prior;
    }
    for (Reading r : contact.readings()) {
      double weight = decay(contact.asOfMillis() - r.atMillis());
      for (int peak = 0; peak < HOURS_OF_WEEK; peak++) {
        log[peak] += weight * Math.log(readingLikelihood(r, peak));
      }
    }
    double max = Arrays.stream(log).max().orElse(0);
    double[] p = new double[HOURS_OF_WEEK];
    double total = 0;
    for (int peak = 0; peak < HOURS_OF_WEEK; peak++) {
      p[peak] = Math.exp(log[peak] - max);
      total += p[peak];
    }
    for (int peak = 0; peak < HOURS_OF_WEEK; peak++) {
      p[peak] /= total;
    }
    return p;
  }

  /**
   * How likely {@code r} is if the contact's peak is {@code peak}. With its delivery: read right as
   * it arrived, or at the hour of the reading rather than at any other after the delivery (the
   * habit there, times the waiting that makes a later look less likely, over the same for every
   * hour after the delivery) and still opened then (mail loses its pull as it waits). Without: the
   * habit at that hour over all hours.
   */
  static double readingLikelihood(Reading r, int peak) {
    int offset = Math.floorMod(r.hourOfWeek() - peak, HOURS_OF_WEEK);
    if (!r.delivered()) {
      return Math.exp(LOG_UNANCHORED[offset]);
    }
    int delay = Math.floorMod(r.hourOfWeek() - r.deliveredHourOfWeek(), HOURS_OF_WEEK);
    double atDelivery = delay == 0 ? AT_DELIVERY : 0;
    double normalizer =
        READ_NORMALIZER[Math.floorMod(r.deliveredHourOfWeek() - peak, HOURS_OF_WEEK)];
    return atDelivery + (1 - AT_DELIVERY) * HABIT[offset] * READ_AND_OPEN[delay] / normalizer;
  }

  /**
   * The habit by hours from the peak: a bump around it, the same hour on the other days at {@link
   * #OTHER_DAYS}, never below {@link #ANY_HOUR}.
   */
  static double habit(int offsetFromPeak) {
    return HABIT[Math.floorMod(offsetFromPeak, HOURS_OF_WEEK)];
  }

  private static double[] habitByOffset() {
    double[] h = new double[HOURS_OF_WEEK];
    for (int offset = 0; offset < HOURS_OF_WEEK; offset++) {
      int week = Math.min(offset, HOURS_OF_WEEK - offset);
      int day = Math.min(offset % 24, 24 - offset % 24);
      h[offset] = Math.max(ANY_HOUR, Math.max(gauss(week), OTHER_DAYS * gauss(day)));
    }
    return h;
  }

  private static double[] logUnanchored() {
    double total = Arrays.stream(HABIT).sum();
    return Arrays.stream(HABIT).map(h -> Math.log(h / total)).toArray();
  }

  /** Halving every {@code halfLifeHours}, by whole hours of delay within the read horizon. */
  private static double[] byDelay(double halfLifeHours) {
    double[] w = new double[HOURS_OF_WEEK];
    for (int delay = 0; delay < READ_HORIZON.toHours() && delay < HOURS_OF_WEEK; delay++) {
      w[delay] = Math.pow(0.5, delay / halfLifeHours);
    }
    return w;
  }

  private static double[] readAndOpen() {
    double[] w = READ_LATER.clone();
    for (int delay = 0; delay < HOURS_OF_WEEK; delay++) {
      w[delay] *= Math.pow(0.5, (delay + 0.5) / OPEN_HALF_LIFE_HOURS);
    }
    return w;
  }

  /** By hours from the peak to the delivery: the habit over the hours after it, as they wait. */
  private static double[] readNormalizer() {
    double[] z = new double[HOURS_OF_WEEK];
    for (int deliveredFromPeak = 0; deliveredFromPeak < HOURS_OF_WEEK; deliveredFromPeak++) {
      for (int delay = 0; delay < HOURS_OF_WEEK; delay++) {
        z[deliveredFromPeak] +=
            HABIT[(deliveredFromPeak + delay) % HOURS_OF_WEEK] * READ_LATER[delay];
      }
    }
    return z;
  }

  /**
   * Each observation spread over the hours around it and over the same hours on the other days,
   * keeping its weight, in the habit's shape: for the population's hours, where a tenant's handful
   * of contacts should not leave gaps.
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

  /** The habit's bump and other days without the floor, summing to 1. */
  private static double[] kernel() {
    double[] k = new double[HOURS_OF_WEEK];
    for (int offset = 0; offset < HOURS_OF_WEEK; offset++) {
      int week = Math.min(offset, HOURS_OF_WEEK - offset);
      int day = Math.min(offset % 24, 24 - offset % 24);
      k[offset] = Math.max(gauss(week), OTHER_DAYS * gauss(day));
    }
    double sum = Arrays.stream(k).sum();
    return Arrays.stream(k).map(v -> v / sum).toArray();
  }

  private static double gauss(int hours) {
    return Math.exp(-(hours * hours) / (2 * HABIT_SPREAD_HOURS * HABIT_SPREAD_HOURS));
  }

  /** The {@link #BEST_HOURS} likeliest peak hours, best first (ties: earlier hour first). */
  public static int[] bestHours(double[] posterior) {
    return IntStream.range(0, HOURS_OF_WEEK)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer h) -> -posterior[h]).thenComparing(h -> h))
        .limit(BEST_HOURS)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** The probability, under the model, that the contact's peak hour is one of {@code best}. */
  public static double confidence(double[] posterior, int[] best) {
    return Math.min(1, Arrays.stream(best).mapToDouble(h -> posterior[h]).sum());
  }
}
