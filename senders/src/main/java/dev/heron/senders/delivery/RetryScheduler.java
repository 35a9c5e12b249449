package dev.heron.senders.delivery;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the next try of deferred messages when they are due, on a thread of its own beside the
 * Kafka loop. It looks again at once while there are more due, and every {@link #IDLE} otherwise.
 */
public final class RetryScheduler implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetryScheduler.class);
  static final Duration IDLE = Duration.ofMillis(200);
  private static final Duration AFTER_FAILURE = Duration.ofSeconds(2);
  private static final int BATCH = 200;

  private final DeliveryManager manager;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile Thread thread;

  public RetryScheduler(DeliveryManager manager) {
    this.manager = manager;
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    try {
      while (running) {
        try {
          if (manager.retryDue(BATCH) < BATCH) {
            Thread.sleep(IDLE.toMillis());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          // Leased retries come back when their lease runs out.
          LOG.warn("retrying deferred messages failed: {}", e.toString());
          sleep(AFTER_FAILURE);
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
