package dev.heron.senders.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class InFlightBatchesTest {
  private static final TopicPartition P0 = new TopicPartition("heron.sends", 0);

  private final List<Long> committed = new ArrayList<>();
  private final InFlightBatches batches = new InFlightBatches();

  private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    committed.add(offsets.get(P0).offset());
  }

  private static Map<TopicPartition, OffsetAndMetadata> upTo(long next) {
    return Map.of(P0, new OffsetAndMetadata(next));
  }

  @Test
  void aBatchDoneBeforeAnEarlierOneWaitsForItsCommit() {
    CompletableFuture<Void> first = new CompletableFuture<>();
    CompletableFuture<Void> second = new CompletableFuture<>();
    batches.add(upTo(500), first);
    batches.add(upTo(1000), second);

    second.complete(null);
    batches.commitFinished(this::commit, 3);
    assertThat(committed).as("the first is still under way").isEmpty();

    first.complete(null);
    batches.commitFinished(this::commit, 3);
    assertThat(committed).containsExactly(500L, 1000L);
    assertThat(batches.underway()).isZero();
  }

  @Test
  void withTooManyUnderwayItWaitsForTheOldest() throws Exception {
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    try {
      CompletableFuture<Void> first = new CompletableFuture<>();
      batches.add(upTo(500), first);
      batches.add(upTo(1000), new CompletableFuture<>());
      later.schedule(() -> first.complete(null), 50, TimeUnit.MILLISECONDS);

      batches.commitFinished(this::commit, 1);

      assertThat(committed).containsExactly(500L);
      assertThat(batches.underway()).isEqualTo(1);
    } finally {
      later.shutdownNow();
    }
  }

  @Test
  void aFailedBatchIsNotCommittedNorAnyAfterIt() {
    IllegalStateException outage = new IllegalStateException("database down");
    batches.add(upTo(500), CompletableFuture.completedFuture(null));
    batches.add(upTo(1000), CompletableFuture.failedFuture(outage));
    batches.add(upTo(1500), CompletableFuture.completedFuture(null));

    assertThatThrownBy(() -> batches.commitFinished(this::commit, 3)).isSameAs(outage);
    batches.abandon();

    assertThat(committed).containsExactly(500L);
    assertThat(batches.underway()).isZero();
  }

  @Test
  void settlingWaitsForEveryBatchAndCommitsThoseBeforeAFailure() throws Exception {
    ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
    try {
      CompletableFuture<Void> slow = new CompletableFuture<>();
      CompletableFuture<Void> last = new CompletableFuture<>();
      batches.add(upTo(500), slow);
      batches.add(upTo(1000), CompletableFuture.failedFuture(new IllegalStateException("x")));
      batches.add(upTo(1500), last);
      later.schedule(() -> slow.complete(null), 30, TimeUnit.MILLISECONDS);
      later.schedule(() -> last.complete(null), 60, TimeUnit.MILLISECONDS);

      batches.settle(this::commit);

      assertThat(last).as("nothing left running").isDone();
      assertThat(committed).containsExactly(500L);
    } finally {
      later.shutdownNow();
    }
  }

  @Test
  void afterAFailureTheBatchesUnderwayEndUncommitted() {
    IllegalStateException outage = new IllegalStateException("database down");
    CompletableFuture<Void> later = new CompletableFuture<>();
    batches.add(upTo(500), CompletableFuture.failedFuture(outage));
    batches.add(upTo(1000), later);
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    try {
      assertThatThrownBy(() -> batches.commitFinished(this::commit, 3)).isSameAs(outage);
      clock.schedule(() -> later.complete(null), 60, TimeUnit.MILLISECONDS);
      batches.abandon();

      assertThat(later).as("abandon waits for the batch still under way").isDone();
      assertThat(committed).as("the later batch would commit past the failed one").isEmpty();
      assertThat(batches.underway()).isZero();
    } finally {
      clock.shutdownNow();
    }
  }

  @Test
  void aCommitThatFailsWhileSettlingStopsFurtherCommits() {
    batches.add(upTo(500), CompletableFuture.completedFuture(null));
    batches.add(upTo(1000), CompletableFuture.completedFuture(null));

    batches.settle(
        offsets -> {
          throw new IllegalStateException("rebalance in progress");
        });
    batches.add(upTo(1500), CompletableFuture.completedFuture(null));
    batches.settle(this::commit);

    assertThat(committed).containsExactly(1500L);
  }
}
