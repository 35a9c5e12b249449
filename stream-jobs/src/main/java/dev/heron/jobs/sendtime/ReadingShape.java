package dev.heron.jobs.sendtime;

import java.util.Locale;

/**
 * How a tenant's people read mail, shared by all its contacts (each has its own peak hour): the
 * habit around the peak and how a delivered message gets read. Not assumed but chosen per tenant
 * from {@link #grid()} by {@link ShapeFit}, from all its contacts' readings.
 *
 * @param spreadHours hours either side of the peak over which the habit falls off (a Gaussian's
 *     sigma)
 * @param otherDays how much the same hour on another day counts, against the peak
 * @param otherDaysSpreadHours the same for the hours around it on other days (a person may keep
 *     their hour of day more loosely or more tightly than their hour of the week)
 * @param anyHour the habit at any hour: nobody never reads at some hour
 * @param atDelivery the share of messages read as they arrive, whatever the hour
 * @param readHalfLifeHours after this long, a person who has not read a message yet is half as
 *     likely to look
 */
public record ReadingShape(
    double spreadHours,
    double otherDays,
    double otherDaysSpreadHours,
    double anyHour,
    double atDelivery,
    double readHalfLifeHours) {

  /**
   * Before a tenant has enough readings to choose: a habit of a few hours, mostly kept across days,
   * some glancing at any hour, a tenth read on arrival, most read within a day.
   */
  public static final ReadingShape DEFAULT = new ReadingShape(2, 0.5, 2, 0.05, 0.1, 24);

  /**
   * The values each number may take, in the order of the record's components: a few of each, wide
   * enough that a population far from the default is still matched by one of them.
   */
  private static final double[][] GRID = {
    {1.5, 2, 2.5, 3, 4},
    {0.25, 0.5, 0.75},
    {1.5, 2, 2.5, 3, 4},
    {0.02, 0.05, 0.1},
    {0.05, 0.1, 0.2},
    {12, 24, 48}
  };

  public ReadingShape {
    if (!(spreadHours > 0) || !(otherDaysSpreadHours > 0) || !(readHalfLifeHours > 0)) {
      throw new IllegalArgumentException(
          "spreadHours, otherDaysSpreadHours and readHalfLifeHours must be positive, were "
              + spreadHours
              + ", "
              + otherDaysSpreadHours
              + " and "
              + readHalfLifeHours);
    }
    if (!(otherDays >= 0 && otherDays <= 1)
        || !(anyHour > 0 && anyHour <= 1)
        || !(atDelivery >= 0 && atDelivery < 1)) {
      throw new IllegalArgumentException(
          "otherDays must be in [0, 1], anyHour in (0, 1], atDelivery in [0, 1); were "
              + otherDays
              + ", "
              + anyHour
              + ", "
              + atDelivery);
    }
  }

  /** How many numbers a shape has (the axes of the grid). */
  public static int axes() {
    return GRID.length;
  }

  /** The values the fit tries for number {@code axis} (its components' order). */
  public static double[] gridValues(int axis) {
    return GRID[axis].clone();
  }

  /** This shape's number {@code axis}. */
  public double value(int axis) {
    return switch (axis) {
      case 0 -> spreadHours;
      case 1 -> otherDays;
      case 2 -> otherDaysSpreadHours;
      case 3 -> anyHour;
      case 4 -> atDelivery;
      case 5 -> readHalfLifeHours;
      default -> throw new IllegalArgumentException("axis must be in [0, 6), was " + axis);
    };
  }

  /** This shape with number {@code axis} set to {@code value}. */
  public ReadingShape with(int axis, double value) {
    double[] v = new double[GRID.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = i == axis ? value : value(i);
    }
    return new ReadingShape(v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "sigma %.1f h, other days %.2f (sigma %.1f h), any hour %.2f, %.0f %% on arrival, reading"
            + " halves in %.0f h",
        spreadHours,
        otherDays,
        otherDaysSpreadHours,
        anyHour,
        100 * atDelivery,
        readHalfLifeHours);
  }
}
