package dev.heron.api.abtest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A campaign's A/B test: its settings, its decision and each variant's figures so far. */
@Serdeable
record AbResults(
    UUID campaignId,
    String metric,
    int testPercent,
    @Nullable Instant windowEndsAt,
    String status,
    @Nullable String winner,
    @Nullable Instant decidedAt,
    @Nullable String decision,
    List<Variant> variants) {

  /**
   * One variant. {@code rate} is the test's metric per delivered message (opens and clicks count a
   * message once); {@code pValue} compares it with the best other variant (two-proportion z-test).
   */
  @Serdeable
  record Variant(
      String variant,
      int splitPercent,
      long sent,
      long delivered,
      long uniqueOpens,
      long uniqueClicks,
      long conversions,
      BigDecimal conversionValue,
      double rate,
      @Nullable Double pValue) {}
}
