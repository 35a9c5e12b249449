package dev.heron.jobs.abtest;

/**
 * A message's first event of one kind ({@code sent}, {@code opens}, {@code clicks}, {@code
 * conversions}) for an A/B test's tally.
 */
public record VariantTouch(String campaignId, String variant, String kind, long occurredAtMillis) {
  public static final String SENT = "sent";
}
