package dev.heron.jobs.insights;

/**
 * The counters of an {@code insight_buckets_hourly} row, in the order a tally array holds them. The
 * conversion value is kept in cents so that every counter adds up exactly as a long.
 */
public enum Counter {
  SENT("sent"),
  DELIVERED("delivered"),
  DEFERRED("deferred"),
  BOUNCED_HARD("bounced_hard"),
  BOUNCED_SOFT("bounced_soft"),
  BLOCKED("blocked"),
  FAILED("failed"),
  DROPPED("dropped"),
  OPENS_TOTAL("opens_total"),
  OPENS_UNIQUE("opens_unique"),
  OPENS_MACHINE("opens_machine"),
  CLICKS_TOTAL("clicks_total"),
  CLICKS_UNIQUE("clicks_unique"),
  REPLIES("replies"),
  UNSUBSCRIBES("unsubscribes"),
  COMPLAINTS("complaints"),
  CONVERSIONS("conversions"),
  CONVERSION_VALUE_CENTS("conversion_value");

  private final String column;

  Counter(String column) {
    this.column = column;
  }

  /** The column of {@code insight_buckets_hourly} this counter is written to. */
  public String column() {
    return column;
  }

  /** A tally with every counter at zero. */
  public static long[] zeros() {
    return new long[values().length];
  }
}
