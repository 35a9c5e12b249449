package dev.heron.jobs.sendtime;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Empirical Bayes for a tenant's {@link ReadingShape}: every contact has its own peak hour, but
 * they share how a habit falls off around it and how mail gets read, so the tenant's population of
 * readings chooses the shape. Each shape is scored by the marginal likelihood of the contacts'
 * readings (for each contact, the chance of its readings averaged over every possible peak hour),
 * and the likeliest is chosen. A shape that spreads a habit too wide explains every contact's
 * readings poorly, one too narrow cannot explain their scatter; this is what selects, not any
 * number of a particular world.
 */
public final class ShapeFit {
  /** Below this many readings in the sample, the fit keeps {@link ReadingShape#DEFAULT}. */
  public static final int MIN_READINGS = 200;

  /** Each contact's newest readings that the fit reads (enough to see its shape, bounded cost). */
  public static final int READINGS_PER_CONTACT = 64;

  /**
   * How many of a tenant's contacts the fit reads (the first that engage, kept while they do): a
   * shape shared by the population shows in a few hundred of them, and the fit's cost and the
   * tenant's state stay bounded however many contacts it has.
   */
  public static final int SAMPLE_CONTACTS = 200;

  /**
   * How much larger the log marginal likelihood of the sample must be under the likeliest shape
   * than under the shape in use before the likeliest replaces it: 3, a Bayes factor of about 20
   * (strong evidence on Kass and Raftery's scale). A new shape has every contact of the tenant read
   * again, all its keys scanned; without the margin, two shapes about equally likely would swap
   * back and forth as one reading more or less tips the sample.
   */
  public static final double SWITCH_MARGIN = 3.0;

  /** Rescale the running products this often, before they could underflow. */
  private static final int RESCALE_EVERY = 16;

  private ShapeFit() {}

  /**
   * A contact's readings in the tenant's sample once it has read again ({@code reading}, the first
   * of its message): a sampled contact keeps its newest {@link #READINGS_PER_CONTACT}; another
   * joins while the sample holds fewer than {@link #SAMPLE_CONTACTS} contacts, and stays out
   * ({@code null}) once it is full.
   *
   * @param sampled the contact's readings in the sample, {@code null} when it is not in it
   * @param sampleSize how many contacts the sample holds
   */
  public static ContactReadings sampled(ContactReadings sampled, int sampleSize, Reading reading) {
    if (sampled == null && sampleSize >= SAMPLE_CONTACTS) {
      return null;
    }
    return SendTimeRules.add(sampled, reading, READINGS_PER_CONTACT);
  }

  /** A bound on the fit's rounds over the axes (it stops as soon as a round changes nothing). */
  static final int MAX_ROUNDS = 6;

  /**
   * The likeliest shape for these contacts' readings; the default while they are too few. The grid
   * has thousands of shapes, too many to score each on every refresh; the fit climbs it one number
   * at a time (each axis's values with the others held, the best kept), from the default, until a
   * round over all axes moves nothing: a few dozen shapes scored.
   */
  public static ReadingShape fit(Collection<ContactReadings> contacts) {
    if (readingsIn(contacts) < MIN_READINGS) {
      return ReadingShape.DEFAULT;
    }
    return climb(contacts, new HashMap<>());
  }

  /** The climb of {@link #fit}, each shape's log evidence left in {@code scored}. */
  private static ReadingShape climb(
      Collection<ContactReadings> contacts, Map<ReadingShape, Double> scored) {
    ReadingShape best = ReadingShape.DEFAULT;
    double bestEvidence = scored.computeIfAbsent(best, s -> logEvidence(contacts, s));
    for (int round = 0; round < MAX_ROUNDS; round++) {
      ReadingShape start = best;
      for (int axis = 0; axis < ReadingShape.axes(); axis++) {
        for (double value : ReadingShape.gridValues(axis)) {
          ReadingShape candidate = best.with(axis, value);
          double evidence = scored.computeIfAbsent(candidate, s -> logEvidence(contacts, s));
          if (evidence > bestEvidence) {
            best = candidate;
            bestEvidence = evidence;
          }
        }
      }
      if (best.equals(start)) {
        break;
      }
    }
    return best;
  }

  /**
   * The shape to use from now on for these contacts' readings: the likeliest ({@link
   * #fit(Collection)}), unless {@code current} explains them nearly as well (within {@link
   * #SWITCH_MARGIN}); {@code null} for no shape yet.
   */
  public static ReadingShape refit(Collection<ContactReadings> contacts, ReadingShape current) {
    if (readingsIn(contacts) < MIN_READINGS) {
      return ReadingShape.DEFAULT; // too few readings: the default, as without a current shape
    }
    Map<ReadingShape, Double> scored = new HashMap<>();
    ReadingShape best = climb(contacts, scored);
    if (current == null || best.equals(current)) {
      return best;
    }
    double currentEvidence = scored.computeIfAbsent(current, s -> logEvidence(contacts, s));
    return replaces(scored.get(best), currentEvidence) ? best : current;
  }

  /** Whether a shape with this log evidence replaces the one in use, with {@code current}'s. */
  static boolean replaces(double candidateLogEvidence, double currentLogEvidence) {
    return candidateLogEvidence - currentLogEvidence > SWITCH_MARGIN;
  }

  /** The log marginal likelihood of the contacts' readings under {@code shape}. */
  public static double logEvidence(Collection<ContactReadings> contacts, ReadingShape shape) {
    ShapeTables tables = ShapeTables.of(shape);
    double total = 0;
    for (ContactReadings contact : contacts) {
      total += logEvidence(contact, tables);
    }
    return total;
  }

  /**
   * One contact's readings (given that each was opened), averaged over a uniform peak hour; the
   * products are kept in linear space and rescaled now and then (logs per term cost too much).
   */
  static double logEvidence(ContactReadings contact, ShapeTables tables) {
    int hours = SendTimeRules.HOURS_OF_WEEK;
    double[] product = new double[hours];
    Arrays.fill(product, 1);
    double logScale = 0;
    Reading[] readings = contact.readings();
    int from = readings.length - used(contact);
    for (int i = from; i < readings.length; i++) {
      Reading r = readings[i];
      for (int peak = 0; peak < hours; peak++) {
        product[peak] *= tables.openedLikelihood(r, peak);
      }
      if ((i - from) % RESCALE_EVERY == RESCALE_EVERY - 1 || i == readings.length - 1) {
        double max = 0;
        for (double p : product) {
          max = Math.max(max, p);
        }
        for (int peak = 0; peak < hours; peak++) {
          product[peak] /= max;
        }
        logScale += Math.log(max);
      }
    }
    double mean = 0;
    for (double p : product) {
      mean += p / hours;
    }
    return logScale + Math.log(mean);
  }

  private static long readingsIn(Collection<ContactReadings> contacts) {
    return contacts.stream().mapToLong(ShapeFit::used).sum();
  }

  private static int used(ContactReadings contact) {
    return Math.min(contact.readings().length, READINGS_PER_CONTACT);
  }
}
