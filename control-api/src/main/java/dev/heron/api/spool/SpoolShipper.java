package dev.heron.api.spool;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships a {@link SpoolLog} to a Kafka topic in order, one batch at a time: the cursor moves only
 * once Kafka acknowledged the whole batch. While Kafka is unreachable the batch is retried with a
 * growing pause and the spool keeps growing on disk; a batch resent after a failure may put a
 * record on the topic twice, which consumers absorb since they de-duplicate on the event id.
 */
public final class SpoolShipper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpoolShipper.class);
  private static final long IDLE_WAIT_MILLIS = 500;

  private final SpoolLog log;
  private final Producer<String, byte[]> producer;
  private final String topic;
  private final int batchSize;
  private final Thread thread;
  private final AtomicLong shipped = new AtomicLong();
  private volatile boolean running = true;

  public SpoolShipper(
      SpoolLog log, Producer<String, byte[]> producer, String topic, int batchSize) {
    this.log = log;
    this.producer = producer;
    this.topic = topic;
    this.batchSize = batchSize;
    this.thread = new Thread(this::run, "spool-shipper");
    this.thread.setDaemon(true);
  }

  public SpoolShipper start() {
    thread.start();
    return this;
  }

  /** Records acknowledged by Kafka since start. */
  public long shipped() {
    return shipped.get();
  }

  private void run() {
    RetryPause pause = new RetryPause();
    boolean failing = false;
    while (running) {
      try {
        long seen = log.appends();
        SpoolBatch batch = log.read(log.cursor(), batchSize);
        if (batch.isEmpty()) {
          if (!batch.end().equals(log.cursor())) {
            log.commit(batch.end());
          }
          log.awaitAppend(seen, IDLE_WAIT_MILLIS);
          continue;
        }
        ship(batch.records());
        log.commit(batch.end());
        shipped.addAndGet(batch.records().size());
        if (failing) {
          LOG.info("Kafka reachable again: shipping the event spool to {}", topic);
          failing = false;
        }
        pause.succeeded();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | ExecutionException | RuntimeException e) {
        if (!running) {
          return;
        }
        if (!failing) {
          LOG.warn(
              "cannot ship the event spool to {} ({}); events wait on disk in {}",
              topic,
              e.getCause() != null ? e.getCause().toString() : e.toString(),
              log.directory());
          failing = true;
        }
        if (!pause.afterFailure()) {
          return;
        }
      }
    }
  }

  private void ship(List<SpoolRecord> records) throws InterruptedException, ExecutionException {
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    for (SpoolRecord record : records) {
      acks.add(producer.send(new ProducerRecord<>(topic, record.key(), record.value())));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
  }

  /** Stops shipping; what is not shipped stays in the spool for the next start. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(15_000);
  }
}
