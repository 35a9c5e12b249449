package dev.heron.api.tracking;

import dev.heron.api.spool.EventSpool;
import dev.heron.api.spool.RetryPause;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.TrackingLinks;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records opens off the request's path. The pixel endpoint only checks the token's signature and
 * queues the hit; one recorder thread takes hits in batches, describes them from the cached
 * messages, and appends their OPENED events to the {@link EventSpool}. When the queue is full the
 * request waits for room on a worker thread (never on the event loop): slower, but no open is
 * dropped. A batch that cannot be recorded (the database away) is retried until it is.
 */
@Singleton
class OpenTracking {
  private static final Logger LOG = LoggerFactory.getLogger(OpenTracking.class);
  private static final int QUEUE = 100_000;
  private static final int BATCH = 5_000;

  record Hit(UUID messageId, String userAgent, Instant at) {}

  private final TrackingLinks links = TrackingLinks.fromSettings();
  private final MachineOpens machineOpens = MachineOpens.fromResource();
  private final TrackedMessages messages;
  private final EventSpool spool;
  private final ExecutorService waiters;
  private final ArrayBlockingQueue<Hit> hits = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong unknown = new AtomicLong();
  private final Thread recorder;
  private volatile boolean running = true;

  OpenTracking(
      TrackedMessages messages,
      EventSpool spool,
      @Named(TaskExecutors.BLOCKING) ExecutorService waiters) {
    this.messages = messages;
    this.spool = spool;
    this.waiters = waiters;
    this.recorder = new Thread(this::record, "open-recorder");
    this.recorder.setDaemon(true);
    this.recorder.start();
  }

  /**
   * Queues the open of a valid pixel token; a forged or malformed one is ignored. Completes at once
   * unless the queue is full.
   */
  CompletableFuture<Void> open(String token, String userAgent) {
    requests.incrementAndGet();
    Optional<TrackingLinks.Token> verified = links.verify(token, TrackingLinks.Kind.OPEN);
    if (verified.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    Hit hit = new Hit(verified.get().messageId(), userAgent, Instant.now());
    queued.incrementAndGet();
    if (hits.offer(hit)) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(
        () -> {
          try {
            hits.put(hit);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("open of message {} not queued: interrupted", hit.messageId());
          }
        },
        waiters);
  }

  /** What the pixel has seen since start, for operators and the benchmark. */
  @io.micronaut.serde.annotation.Serdeable
  record Counts(long requests, long queued, long recorded, long unknownMessages, int waiting) {}

  Counts counts() {
    return new Counts(requests.get(), queued.get(), recorded.get(), unknown.get(), hits.size());
  }

  private void record() {
    List<Hit> batch = new ArrayList<>(BATCH);
    RetryPause pause = new RetryPause();
    while (running || !hits.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          Hit first = hits.poll(200, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          hits.drainTo(batch, BATCH - 1);
        }
        List<Event> events = describe(batch);
        spool.append(events).join();
        recorded.addAndGet(events.size());
        batch.clear();
        pause.succeeded();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("{} open(s) not recorded yet, retrying: {}", batch.size(), e.toString());
        if (!pause.afterFailure()) {
          return;
        }
      }
    }
  }

  private List<Event> describe(List<Hit> batch) {
    Set<UUID> ids = new HashSet<>();
    batch.forEach(h -> ids.add(h.messageId()));
    Map<UUID, TrackedMessage> found = messages.findAll(ids);
    List<Event> events = new ArrayList<>(batch.size());
    for (Hit hit : batch) {
      TrackedMessage message = found.get(hit.messageId());
      if (message == null) {
        if (unknown.getAndIncrement() % 1_000 == 0) {
          LOG.warn(
              "open of unknown message {} (a signed token of a deleted message)", hit.messageId());
        }
        continue;
      }
      events.add(
          message
              .event(EventType.OPENED, hit.at())
              .machineOpen(machineOpens.isMachine(hit.userAgent()))
              .build());
    }
    return events;
  }

  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    recorder.join(10_000);
  }
}
