package dev.heron.jobs.insights;

import dev.heron.events.Event;
import java.util.UUID;
import org.apache.flink.api.java.functions.KeySelector;

/** The keys the insights job partitions by. */
final class Keys {
  private Keys() {}

  /** The message id as it is (two longs), not as its 36-character text. */
  static final class ByMessage implements KeySelector<Event, UUID> {
    @Override
    public UUID getKey(Event event) {
      return event.messageId();
    }
  }

  static final class ByBucket implements KeySelector<BucketDelta, BucketKey> {
    @Override
    public BucketKey getKey(BucketDelta delta) {
      return delta.key();
    }
  }
}
