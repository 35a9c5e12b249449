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
 * So each reading is scored with its delivery ({@link ShapeTables#likelihood}): the chance that,
 * with a peak at h, the message is read and opened at that hour rather than at any other hour after
 * its delivery. This is why the job keeps each contact's recent deliveries.
 *
 * <p>The habit's shape and the way mail gets read ({@link ReadingShape}: how wide the habit is
 * around the peak, how much the same hours on other days count, how much anyone glances at any
 * hour, how much is read on arrival, how fast a waiting message gets looked at) are not assumed:
 * they are shared by a tenant's people, so the tenant's population of readings chooses them ({@link
 * ShapeFit}, empirical Bayes), and each contact's posterior uses the fitted shape.
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

  public static final String MODEL_VERSION = "peak-hour-fitted-shape-v4";

  /** After this long unread, a message is half as likely to be opened when seen (newer mail). */
  static final double OPEN_HALF_LIFE_HOURS = 24;

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

  /**
   * {@code readings} with one more (and one more observation); the newest {@link #MAX_READINGS} are
   * kept.
   */
  public static ContactReadings add(ContactReadings readings, Reading reading) {
    return add(readings, reading, MAX_READINGS);
  }

  /**
   * {@code readings} with one more (and one more observation); the newest {@code kept} are kept.
   */
  public static ContactReadings add(ContactReadings readings, Reading reading, int keep) {
    ContactReadings r = readings == null ? ContactReadings.NONE : readings;
    Reading[] kept = Arrays.copyOf(r.readings(), Math.min(r.readings().length + 1, keep));
    int at = kept.length - 1;
    if (r.readings().length >= keep) {
      System.arraycopy(r.readings(), r.readings().length - keep + 1, kept, 0, keep - 1);
    }
    kept[at] = reading;
    return new ContactReadings(
        kept, Math.max(r.asOfMillis(), reading.atMillis()), r.observations() + 1);
  }

  /**
   * {@code readings} after another open or click of a message already read: one more observation.
   */
  public static ContactReadings observedAgain(ContactReadings readings) {
    ContactReadings r = readings == null ? ContactReadings.NONE : readings;
    return new ContactReadings(r.readings(), r.asOfMillis(), r.observations() + 1);
  }

  /**
   * A contact's {@code readings} after its open or click {@code read}: a new reading added ({@link
   * #add(ContactReadings, Reading)}), a repeat of a message already read one more observation.
   */
  public static ContactReadings afterReading(ContactReadings readings, ContactReading read) {
    return read.firstOfMessage() ? add(readings, read.reading()) : observedAgain(readings);
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
  public static double[] priorShape(DecayedHistogram population, ReadingShape readingShape) {
    double[] shape = new double[HOURS_OF_WEEK];
    double[] smoothed = population == null ? shape : smooth(population.weights(), readingShape);
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
  public static double[] posterior(
      ContactReadings contact, double[] priorShape, ReadingShape shape) {
    return posteriorFrom(contact, priorLog(priorShape, shape), shape);
  }

  /**
   * The population's part of every peak's log posterior: the same for all of a tenant's contacts,
   * so it is computed once per tenant prior (168 × 168 terms) rather than once per contact.
   */
  public static double[] priorLog(double[] priorShape, ReadingShape shape) {
    ShapeTables tables = ShapeTables.of(shape);
    double[] log = new double[HOURS_OF_WEEK];
    for (int peak = 0; peak < HOURS_OF_WEEK; peak++) {
      double prior = 0;
      for (int hour = 0; hour < HOURS_OF_WEEK; hour++) {
        prior += priorShape[hour] * tables.logUnanchored[Math.floorMod(hour - peak, HOURS_OF_WEEK)];
      }
      log[peak] = PRIOR_STRENGTH * prior;
    }
    return log;
  }

  /** {@link #posterior} with the population's part already computed ({@link #priorLog}). */
  public static double[] posteriorFrom(
      ContactReadings contact, double[] priorLog, ReadingShape shape) {
    ShapeTables tables = ShapeTables.of(shape);
    double[] log = priorLog.clone();
    for (Reading r : contact.readings()) {
      double weight = decay(contact.asOfMillis() - r.atMillis());
      for (int peak = 0; peak < HOURS_OF_WEEK; peak++) {
        log[peak] += weight * Math.log(tables.likelihood(r, peak));
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
   * Each observation spread over the hours around it and over the same hours on the other days,
   * keeping its weight, in the habit's shape: for the population's hours, where a tenant's handful
   * of contacts should not leave gaps.
   */
  public static double[] smooth(double[] weights, ReadingShape shape) {
    double[] kernel = ShapeTables.of(shape).kernel;
    double[] smoothed = new double[HOURS_OF_WEEK];
    for (int from = 0; from < HOURS_OF_WEEK; from++) {
      if (weights[from] == 0) {
        continue;
      }
      for (int to = 0; to < HOURS_OF_WEEK; to++) {
        smoothed[to] += weights[from] * kernel[Math.floorMod(to - from, HOURS_OF_WEEK)];
      }
    }
    return smoothed;
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
