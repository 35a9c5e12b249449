package dev.heron.api.spool;

import dev.heron.events.Event;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's one way to put events on {@link Topics#EVENTS}: every event is first appended to a
 * local, fsync'd spool (under {@code $HERON_HOME/spool/control-api} unless {@code heron.spool.dir}
 * says otherwise) and then shipped to Kafka by a {@link SpoolShipper}. An event is never lost once
 * {@link #append} completed: not while Kafka is away, and not across a kill -9, since the next
 * start ships what the spool still holds.
 *
 * <p>Concurrent appends are written together and share one fsync (group commit).
 */
@Context
public class EventSpool {
  private static final Logger LOG = LoggerFactory.getLogger(EventSpool.class);
  private static final int SHIP_BATCH = 5_000;

  private record Pending(List<SpoolRecord> records, CompletableFuture<Void> done) {}

  private final SpoolLog log;
  private final SpoolShipper shipper;
  private final BlockingQueue<Pending> pending = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;

  EventSpool(Producer<String, byte[]> producer, @Value("${heron.spool.dir:}") String directory) {
    Path base =
        directory == null || directory.isBlank()
            ? Settings.home("spool", "control-api")
            : Path.of(directory);
    this.log = SpoolLog.open(base.toAbsolutePath());
    long waiting = SpoolLog.countPending(log.directory());
    if (waiting > 0) {
      LOG.info("{} event(s) left in the spool {}: shipping them", waiting, log.directory());
    }
    this.shipper = new SpoolShipper(log, producer, Topics.EVENTS, SHIP_BATCH).start();
    this.writer = new Thread(this::write, "spool-writer");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** Appends the events; the future completes once they are on disk, on their way to Kafka. */
  public CompletableFuture<Void> append(List<Event> events) {
    List<SpoolRecord> records = new ArrayList<>(events.size());
    for (Event event : events) {
      records.add(new SpoolRecord(event.messageId().toString(), WireCodec.EVENTS.encode(event)));
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!running) {
      done.completeExceptionally(new IllegalStateException("the event spool is closed"));
      return done;
    }
    pending.add(new Pending(records, done));
    return done;
  }

  /** Appends one event and returns once it is on disk: for facts that must not be lost. */
  public void appendDurably(Event event) {
    try {
      append(List.of(event)).join();
    } catch (CompletionException e) {
      throw new IllegalStateException(
          "cannot spool " + event.type() + " of message " + event.messageId(), e.getCause());
    }
  }

  /** Where this instance spools, for operators and tests. */
  public Path directory() {
    return log.directory();
  }

  /** Events acknowledged by Kafka since start. */
  public long shipped() {
    return shipper.shipped();
  }

  private void write() {
    List<Pending> batch = new ArrayList<>();
    while (running || !pending.isEmpty()) {
      try {
        Pending first = pending.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, 10_000);
        List<SpoolRecord> records = new ArrayList<>();
        batch.forEach(p -> records.addAll(p.records()));
        try {
          log.append(records);
          batch.forEach(p -> p.done().complete(null));
        } catch (IOException | RuntimeException e) {
          LOG.error("cannot write {} event(s) to the spool {}", records.size(), log.directory(), e);
          batch.forEach(p -> p.done().completeExceptionally(e));
        }
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @PreDestroy
  void close() throws InterruptedException, IOException {
    running = false;
    writer.join(10_000);
    Pending late;
    while ((late = pending.poll()) != null) {
      late.done().completeExceptionally(new IllegalStateException("the event spool is closed"));
    }
    shipper.close();
    log.close();
  }
}
