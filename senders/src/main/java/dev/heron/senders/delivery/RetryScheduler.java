package dev.heron.senders.delivery;

import dev.heron.events.DeadLetter;
import dev.heron.events.SendRequest;
import dev.heron.events.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the next try of deferred messages when they are due, on a thread of its own beside the
 * Kafka loop. It looks again at once while there are more due, and every {@link #IDLE} otherwise. A
 * retry that cannot be made because of its own record — a stored request that cannot be read, one
 * the store refuses ({@link BadRecordException}), or one that fails alone for any reason other than
 * an outage (found by trying the failed batch's halves) — goes to the dead letters with the reason
 * and is ended, rather than taken again every lease while holding back the retries due with it. On
 * an outage ({@link Outages}) the batch is left to come back when its lease runs out.
 */
public final class RetryScheduler implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetryScheduler.class);
  static final Duration IDLE = Duration.ofMillis(200);
  private static final Duration AFTER_FAILURE = Duration.ofSeconds(2);
  private static final int BATCH = 200;

  /** Where a retry's dead letter came from: the table of deferred retries, not a topic. */
  public static final String RETRIES = "message_retries";

  private final DeliveryManager manager;
  private final DeadLetterSink deadLetters;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile Thread thread;

  public RetryScheduler(DeliveryManager manager, DeadLetterSink deadLetters) {
    this.manager = manager;
    this.deadLetters = deadLetters;
  }

  @Override
  public void run() {
    thread = Thread.currentThread();
    try {
      while (running) {
        try {
          if (retryDue(BATCH) < BATCH) {
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

  /** Makes the due retries, setting apart those that cannot be made; returns how many it took. */
  int retryDue(int limit) {
    DueRetries due = manager.takeDueRetries(limit);
    setApart(
        due.unreadable().stream()
            .map(
                u ->
                    new RetrySetApart(
                        u.messageId(),
                        u.tenantId(),
                        null,
                        u.payload(),
                        "the retry of message " + u.messageId() + " cannot be read: " + u.reason()))
            .toList());
    retrySettingApartBadRecords(due.readable());
    return due.size();
  }

  /**
   * Makes the retries; should that fail for any reason but an outage, makes each half again, down
   * to the single retry that fails alone: that one is set apart, the others go on. The claims'
   * outcomes keep a message finished by the first try from going out twice.
   */
  private void retrySettingApartBadRecords(List<PendingRetry> retries) {
    if (retries.isEmpty()) {
      return;
    }
    try {
      manager.retry(retries);
    } catch (RuntimeException e) {
      if (Outages.isOutage(e)) {
        throw e;
      }
      if (retries.size() == 1) {
        SendRequest request = retries.get(0).request();
        setApart(
            List.of(
                new RetrySetApart(
                    request.messageId(),
                    request.tenantId(),
                    request,
                    new String(WireCodec.SENDS.encode(request), StandardCharsets.UTF_8),
                    "the retry of message "
                        + request.messageId()
                        + " cannot be made: "
                        + (e instanceof BadRecordException ? e.getMessage() : e.toString()))));
        return;
      }
      LOG.warn("{} retries failed ({}); making their halves apart", retries.size(), e.toString());
      int half = retries.size() / 2;
      retrySettingApartBadRecords(retries.subList(0, half));
      retrySettingApartBadRecords(retries.subList(half, retries.size()));
    }
  }

  /** Dead letters first, durable: only then are the retries ended, so none is lost unreported. */
  private void setApart(List<RetrySetApart> apart) {
    if (apart.isEmpty()) {
      return;
    }
    for (RetrySetApart a : apart) {
      LOG.warn("deferred retry set apart: {}", a.reason());
      deadLetters.publish(
          new DeadLetter(
              RETRIES,
              -1,
              -1,
              a.messageId().toString(),
              a.payload(),
              a.reason(),
              "senders",
              Instant.now()));
    }
    deadLetters.flush();
    manager.setApart(apart);
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
