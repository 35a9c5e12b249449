package dev.heron.jobs.sendtime;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link ReadingShape}'s numbers by hour, computed once per shape: the habit by hours from the
 * peak, the chance to look and to open by hours of waiting, and their sums over the hours after a
 * delivery. Shapes come from a grid of 2,025, so the cache is bounded: about 9 KB a shape, 19 MB
 * were every shape ever climbed through.
 */
final class ShapeTables {
  private static final int HOURS = SendTimeRules.HOURS_OF_WEEK;
  private static final Map<ReadingShape, ShapeTables> CACHE = new ConcurrentHashMap<>();

  final ReadingShape shape;

  /** The habit by hours from the peak. */
  final double[] habit;

  /** Log of the habit over its sum: where a reading falls when its delivery is unknown. */
  final double[] logUnanchored;

  /** By hours of waiting: the chance to look then, and to look and still open. */
  final double[] readLater;

  final double[] readAndOpen;

  /** By hours from the peak to the delivery: the habit over the hours after it, as they wait. */
  final double[] readNormalizer;

  /**
   * By hours from the peak to the delivery: the chance, up to the person's own open rate, that the
   * message is opened at all (on arrival, or when looked at later and still opened).
   */
  final double[] openedShare;

  /** The habit's bump and other days without the floor, summing to 1 (the population smoother). */
  final double[] kernel;

  static ShapeTables of(ReadingShape shape) {
    return CACHE.computeIfAbsent(shape, ShapeTables::new);
  }

  private ShapeTables(ReadingShape shape) {
    this.shape = shape;
    habit = new double[HOURS];
    kernel = new double[HOURS];
    for (int offset = 0; offset < HOURS; offset++) {
      int week = Math.min(offset, HOURS - offset);
      int day = Math.min(offset % 24, 24 - offset % 24);
      double bump =
          Math.max(
              gauss(week, shape.spreadHours()),
              shape.otherDays() * gauss(day, shape.otherDaysSpreadHours()));
      habit[offset] = Math.max(shape.anyHour(), bump);
      kernel[offset] = bump;
    }
    double kernelSum = Arrays.stream(kernel).sum();
    for (int offset = 0; offset < HOURS; offset++) {
      kernel[offset] /= kernelSum;
    }
    double habitSum = Arrays.stream(habit).sum();
    logUnanchored = Arrays.stream(habit).map(h -> Math.log(h / habitSum)).toArray();
    readLater = new double[HOURS];
    readAndOpen = new double[HOURS];
    long horizon = SendTimeRules.READ_HORIZON.toHours();
    for (int delay = 0; delay < horizon && delay < HOURS; delay++) {
      readLater[delay] = Math.pow(0.5, delay / shape.readHalfLifeHours());
      readAndOpen[delay] =
          readLater[delay] * Math.pow(0.5, (delay + 0.5) / SendTimeRules.OPEN_HALF_LIFE_HOURS);
    }
    readNormalizer = new double[HOURS];
    openedShare = new double[HOURS];
    for (int deliveredFromPeak = 0; deliveredFromPeak < HOURS; deliveredFromPeak++) {
      double looked = 0;
      double opened = 0;
      for (int delay = 0; delay < HOURS; delay++) {
        double h = habit[(deliveredFromPeak + delay) % HOURS];
        looked += h * readLater[delay];
        opened += h * readAndOpen[delay];
      }
      readNormalizer[deliveredFromPeak] = looked;
      openedShare[deliveredFromPeak] =
          shape.atDelivery() + (1 - shape.atDelivery()) * opened / looked;
    }
  }

  private static double gauss(int hours, double sigma) {
    return Math.exp(-(hours * hours) / (2 * sigma * sigma));
  }

  /**
   * How likely the person reads and opens {@code r} at its hour if their peak is {@code peak}, up
   * to their own open rate: read as it arrived, or looked at then rather than at any other hour
   * after the delivery and still opened. Without its delivery: the habit at that hour over all.
   */
  double likelihood(Reading r, int peak) {
    int offset = Math.floorMod(r.hourOfWeek() - peak, HOURS);
    if (!r.delivered()) {
      return Math.exp(logUnanchored[offset]);
    }
    int delay = Math.floorMod(r.hourOfWeek() - r.deliveredHourOfWeek(), HOURS);
    double atDelivery = delay == 0 ? shape.atDelivery() : 0;
    int deliveredFromPeak = Math.floorMod(r.deliveredHourOfWeek() - peak, HOURS);
    return atDelivery
        + (1 - shape.atDelivery())
            * habit[offset]
            * readAndOpen[delay]
            / readNormalizer[deliveredFromPeak];
  }

  /**
   * The same, given that the message was opened at all: a distribution over the reading's hour, so
   * that shapes can be compared by how well they predict the hours (an unopened message is not seen
   * here, so the chance of opening at all must not favour one shape).
   */
  double openedLikelihood(Reading r, int peak) {
    if (!r.delivered()) {
      return likelihood(r, peak);
    }
    int deliveredFromPeak = Math.floorMod(r.deliveredHourOfWeek() - peak, HOURS);
    return likelihood(r, peak) / openedShare[deliveredFromPeak];
  }
}
