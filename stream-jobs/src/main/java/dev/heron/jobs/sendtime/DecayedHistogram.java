package dev.heron.jobs.sendtime;

/** Weights by hour of the week, as of {@code asOfMillis}, and how many observations went in. */
public record DecayedHistogram(double[] weights, long asOfMillis, long observations) {
  public static DecayedHistogram empty(long asOfMillis) {
    return new DecayedHistogram(new double[SendTimeRules.HOURS_OF_WEEK], asOfMillis, 0);
  }
}
