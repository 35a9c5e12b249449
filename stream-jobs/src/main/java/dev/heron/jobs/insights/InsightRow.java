package dev.heron.jobs.insights;

import java.math.BigDecimal;

/**
 * The absolute totals of one bucket, as the sink upserts them: writing the same row twice leaves
 * the table as writing it once, which is what makes a replay harmless.
 */
public record InsightRow(BucketKey key, long[] totals) {

  public long get(Counter counter) {
    return totals[counter.ordinal()];
  }

  public BigDecimal conversionValue() {
    return BigDecimal.valueOf(get(Counter.CONVERSION_VALUE_CENTS), 2);
  }
}
