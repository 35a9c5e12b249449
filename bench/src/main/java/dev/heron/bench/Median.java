package dev.heron.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The median every benchmark reports: of an odd count the middle value, else the middle two's mean.
 */
public final class Median {
  private Median() {}

  public static double of(List<Double> values) {
    return of(values, Double::doubleValue);
  }

  /** The median of {@code figure} over {@code items}. */
  public static <T> double of(List<T> items, ToDoubleFunction<T> figure) {
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no values to take the median of");
    }
    double[] sorted = items.stream().mapToDouble(figure).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
