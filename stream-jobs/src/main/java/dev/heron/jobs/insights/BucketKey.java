package dev.heron.jobs.insights;

import java.time.Instant;

/**
 * One row of {@code insight_buckets_hourly}: hour x tenant x campaign x channel x provider x sender
 * identity x variant. Unknown dimensions are {@code ""}, as in the table, so the key never holds a
 * null; the identifiers are text so Flink serializes the key without falling back to Kryo.
 *
 * @param hourStartMillis the start of the UTC hour, epoch milliseconds
 */
public record BucketKey(
    long hourStartMillis,
    String tenantId,
    String campaignId,
    String channel,
    String provider,
    String senderIdentity,
    String variant) {

  public Instant hourStart() {
    return Instant.ofEpochMilli(hourStartMillis);
  }
}
