package dev.heron.senders.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records outcomes on their claims. {@link #grouped} writes on a thread of its own whatever has
 * come in since its last write, in one statement (a group commit): at a high rate many outcomes
 * share a round trip, and a message's outcome is still durable a few milliseconds after its reply —
 * which keeps the messages a crash leaves without an outcome (and so sends again) few. {@link
 * #direct} writes each at once on the caller's thread.
 */
public final class OutcomeWriter implements AutoCloseable {
  static final int MAX_GROUP = 1_000;
  static final Duration PERSISTENCE = Duration.ofSeconds(5);
  private static final Logger LOG = LoggerFactory.getLogger(OutcomeWriter.class);

  private record Pending(Outcome outcome, CompletableFuture<Void> done) {}

  private final DeliveryStore store;
  private final BlockingQueue<Pending> queue;
  private final Thread thread;
  private volatile boolean running = true;

  private OutcomeWriter(DeliveryStore store, boolean grouped, String name) {
    this.store = store;
    this.queue = grouped ? new LinkedBlockingQueue<>() : null;
    this.thread = grouped ? new Thread(this::writeGroups, name) : null;
    if (thread != null) {
      thread.setDaemon(true);
      thread.start();
    }
  }

  public static OutcomeWriter direct(DeliveryStore store) {
    return new OutcomeWriter(store, false, null);
  }

  public static OutcomeWriter grouped(DeliveryStore store, String threadName) {
    return new OutcomeWriter(store, true, threadName);
  }

  /** Completes once the outcome is recorded; exceptionally when it could not be. */
  public CompletableFuture<Void> record(Outcome outcome) {
    if (queue == null) {
      try {
        recordPersistently(store, List.of(outcome));
        return CompletableFuture.completedFuture(null);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!running) {
      done.completeExceptionally(new IllegalStateException("the outcome writer is closed"));
      return done;
    }
    queue.add(new Pending(outcome, done));
    return done;
  }

  private void writeGroups() {
    List<Pending> group = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        write(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        group.clear();
      }
    }
    Pending left;
    while ((left = queue.poll()) != null) {
      left.done().completeExceptionally(new IllegalStateException("the outcome writer stopped"));
    }
  }

  private void write(List<Pending> group) {
    try {
      recordPersistently(store, group.stream().map(Pending::outcome).toList());
    } catch (BadRecordException e) {
      if (group.size() > 1) {
        // One outcome the database refuses must not take the others of its group down with it.
        group.forEach(p -> write(List.of(p)));
      } else {
        group.get(0).done().completeExceptionally(e);
      }
      return;
    } catch (RuntimeException e) {
      group.forEach(p -> p.done().completeExceptionally(e));
      return;
    }
    group.forEach(p -> p.done().complete(null));
  }

  /**
   * Records outcomes, trying again after a failure of the store (a deadlock, a dropped connection)
   * for about {@link #PERSISTENCE}: these messages have gone out, and an outcome given up on sends
   * its message again once its lease runs out.
   */
  static void recordPersistently(DeliveryStore store, List<Outcome> outcomes) {
    long pause = 25;
    long deadline = System.nanoTime() + PERSISTENCE.toNanos();
    while (true) {
      try {
        store.recordOutcomes(outcomes);
        return;
      } catch (StoreUnavailableException e) {
        if (System.nanoTime() + pause * 1_000_000 > deadline) {
          throw e;
        }
        LOG.warn("recording {} outcomes failed, trying again: {}", outcomes.size(), e.getMessage());
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = Math.min(pause * 2, 1_000);
      }
    }
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    running = false;
    if (thread != null) {
      try {
        thread.join(30_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
