package dev.heron.senders.kafka;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polled batches under way, in poll order, and the commits they allow: a batch's offsets are
 * committed once it and every batch polled before it are delivered, never past one that failed (it
 * and those after it are read again). Used on the delivery loop's thread only (a rebalance listener
 * runs inside its poll).
 */
final class InFlightBatches {
  private static final Logger LOG = LoggerFactory.getLogger(InFlightBatches.class);

  private record Batch(
      Map<TopicPartition, OffsetAndMetadata> offsets, CompletableFuture<Void> delivered) {}

  private final Deque<Batch> batches = new ArrayDeque<>();

  /** A batch just handed over; {@code offsets} are committed once {@code delivered} completes. */
  void add(Map<TopicPartition, OffsetAndMetadata> offsets, CompletableFuture<Void> delivered) {
    batches.addLast(new Batch(Map.copyOf(offsets), delivered));
  }

  int underway() {
    return batches.size();
  }

  /**
   * Commits the delivered batches at the head of the line, first waiting for the oldest while more
   * than {@code atMostUnderway} are under way.
   *
   * @throws RuntimeException the failure of the oldest batch, when it failed (it leaves the line
   *     uncommitted; {@link #settle} ends the others)
   */
  void commitFinished(Consumer<Map<TopicPartition, OffsetAndMetadata>> commit, int atMostUnderway) {
    while (!batches.isEmpty()) {
      Batch oldest = batches.peekFirst();
      if (!oldest.delivered().isDone() && batches.size() <= atMostUnderway) {
        return;
      }
      batches.removeFirst();
      awaitDelivered(oldest);
      commit.accept(oldest.offsets());
    }
  }

  /**
   * Waits for every batch under way and commits those delivered before the first that failed (or
   * whose commit failed): nothing is left running, and what is not committed is read again. Never
   * throws.
   */
  void settle(Consumer<Map<TopicPartition, OffsetAndMetadata>> commit) {
    boolean committing = true;
    while (!batches.isEmpty()) {
      Batch batch = batches.removeFirst();
      try {
        awaitDelivered(batch);
        if (committing) {
          commit.accept(batch.offsets());
        }
      } catch (RuntimeException e) {
        if (committing) {
          LOG.warn(
              "a batch under way failed or was not committed; it is read again: {}", e.toString());
        }
        committing = false;
      }
    }
  }

  /**
   * After a failure: waits for every batch under way and commits none of them, since a batch before
   * them may have failed. They are read again. Never throws.
   */
  void abandon() {
    while (!batches.isEmpty()) {
      try {
        awaitDelivered(batches.removeFirst());
      } catch (RuntimeException e) {
        // Read again with the others.
      }
    }
  }

  /** Settles the batches under way before partitions go to another consumer. */
  ConsumerRebalanceListener settlingOnRevoke(
      Consumer<Map<TopicPartition, OffsetAndMetadata>> commit) {
    return new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        settle(commit);
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
    };
  }

  private static void awaitDelivered(Batch batch) {
    try {
      batch.delivered().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
