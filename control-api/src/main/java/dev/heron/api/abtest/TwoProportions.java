package dev.heron.api.abtest;

/** The two-proportion z-test the A/B job decides with, for showing how sure a lead is. */
final class TwoProportions {
  /** The two-sided p-value that {@code x1/n1} and {@code x2/n2} differ; null without data. */
  static Double pValue(long x1, long n1, long x2, long n2) {
    if (n1 == 0 || n2 == 0) {
      return null;
    }
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double pooled = (double) (x1 + x2) / (n1 + n2);
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    if (se == 0) {
      return 1.0;
    }
    double z = Math.abs(p1 - p2) / se;
    return 2 * (1 - standardNormal(z));
  }

  /** The standard normal CDF (Abramowitz and Stegun 26.2.17, error below 7.5e-8). */
  static double standardNormal(double z) {
    double t = 1 / (1 + 0.2316419 * Math.abs(z));
    double d = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    double tail =
        d
            * t
            * (0.319381530
                + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    return z >= 0 ? 1 - tail : tail;
  }

  private TwoProportions() {}
}
