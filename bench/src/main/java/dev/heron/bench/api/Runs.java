package dev.heron.bench.api;

import dev.heron.bench.Median;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Repeated measurements and their median, printed as the benchmarks report them. */
final class Runs {
  private final List<Double> values = new ArrayList<>();

  void add(double value) {
    values.add(value);
  }

  double median() {
    return Median.of(values);
  }

  @Override
  public String toString() {
    return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList().toString();
  }

  static int intArg(String[] args, int index, int fallback) {
    return args.length > index ? Integer.parseInt(args[index]) : fallback;
  }
}
