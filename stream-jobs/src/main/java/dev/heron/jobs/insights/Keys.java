package dev.heron.jobs.insights;

import org.apache.flink.api.java.functions.KeySelector;

/** The keys the insights job partitions by. */
final class Keys {
  private Keys() {}

  static final class ByBucket implements KeySelector<BucketDelta, BucketKey> {
    @Override
    public BucketKey getKey(BucketDelta delta) {
      return delta.key();
    }
  }
}
