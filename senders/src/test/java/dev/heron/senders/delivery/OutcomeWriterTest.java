package dev.heron.senders.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.events.Channel;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Group commit: what arrives while a write is under way shares the next write. */
class OutcomeWriterTest {
  private static Outcome outcome() {
    SendRequest request =
        new SendRequest(
            1,
            Instant.now(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            Channel.EMAIL,
            MessageClass.MARKETING,
            "A",
            "a@x.test",
            "x.test",
            null,
            UUID.randomUUID(),
            1,
            Map.of());
    return new Outcome(
        request,
        new Completion(DeliveryAttempt.local(Verdict.DELIVERED, null), 1, null, Instant.now()));
  }

  /** Records the size of each write; the first write waits until released. */
  private static final class SlowStore extends DeliveryManagerTest.MemoryStore {
    final List<Integer> writes = new ArrayList<>();
    final CountDownLatch firstStarted = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    volatile boolean fail;

    @Override
    public void recordOutcomes(List<Outcome> outcomes) {
      synchronized (writes) {
        writes.add(outcomes.size());
      }
      firstStarted.countDown();
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (fail) {
        throw new StoreUnavailableException("database away", null);
      }
      super.recordOutcomes(outcomes);
    }
  }

  @Test
  void outcomesArrivingDuringAWriteShareTheNext() throws Exception {
    SlowStore store = new SlowStore();
    try (OutcomeWriter writer = OutcomeWriter.grouped(store, "test-outcomes")) {
      CompletableFuture<Void> first = writer.record(outcome());
      assertThat(store.firstStarted.await(5, TimeUnit.SECONDS)).isTrue();
      List<CompletableFuture<Void>> rest = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        rest.add(writer.record(outcome()));
      }
      assertThat(first).isNotDone();
      store.release.countDown();

      CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
      assertThat(first).isCompleted();
      assertThat(store.writes).containsExactly(1, 50);
      assertThat(store.completions).hasSize(51);
    }
  }

  @Test
  void aFailedWriteFailsEveryOutcomeInIt() throws Exception {
    SlowStore store = new SlowStore();
    store.fail = true;
    store.release.countDown();
    try (OutcomeWriter writer = OutcomeWriter.grouped(store, "test-outcomes")) {
      CompletableFuture<Void> recorded = writer.record(outcome());

      assertThatThrownBy(recorded::join)
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(StoreUnavailableException.class);
      assertThat(store.completions).isEmpty();
    }
  }

  @Test
  void aWriteThatFailsForAMomentIsMadeAgain() throws Exception {
    AtomicInteger failuresLeft = new AtomicInteger(2);
    DeliveryManagerTest.MemoryStore store =
        new DeliveryManagerTest.MemoryStore() {
          @Override
          public void recordOutcomes(List<Outcome> outcomes) {
            if (failuresLeft.getAndDecrement() > 0) {
              throw new StoreUnavailableException("deadlock detected", null);
            }
            super.recordOutcomes(outcomes);
          }
        };
    try (OutcomeWriter writer = OutcomeWriter.grouped(store, "test-outcomes")) {
      writer.record(outcome()).get(5, TimeUnit.SECONDS);
      assertThat(store.completions).hasSize(1);
    }
  }

  @Test
  void anOutcomeTheStoreRefusesFailsAloneNotItsGroup() throws Exception {
    Outcome refused = outcome();
    DeliveryManagerTest.MemoryStore store =
        new DeliveryManagerTest.MemoryStore() {
          @Override
          public void recordOutcomes(List<Outcome> outcomes) {
            if (outcomes.contains(refused)) {
              throw new BadRecordException("the database refused it");
            }
            super.recordOutcomes(outcomes);
          }
        };
    OutcomeWriter writer = OutcomeWriter.direct(store);
    assertThat(writer.record(refused)).isCompletedExceptionally();
    try (OutcomeWriter grouped = OutcomeWriter.grouped(store, "test-outcomes")) {
      List<CompletableFuture<Void>> group = new ArrayList<>();
      group.add(grouped.record(outcome()));
      group.add(grouped.record(refused));
      group.add(grouped.record(outcome()));
      assertThatThrownBy(() -> group.get(1).get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(BadRecordException.class);
      group.get(0).get(5, TimeUnit.SECONDS);
      group.get(2).get(5, TimeUnit.SECONDS);
      assertThat(store.completions).hasSize(2);
    }
  }
}
