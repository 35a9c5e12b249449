package dev.heron.senders.kafka;

import dev.heron.events.IpScore;
import dev.heron.events.Json;
import dev.heron.events.Topics;
import dev.heron.events.WarmupState;
import dev.heron.senders.routing.ReputationBook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@link Topics#IP_SCORES} and {@link Topics#WARMUP} from their beginning and
 * then continuously into the {@link ReputationBook}. Every instance reads all of both (no consumer
 * group): each needs the whole picture to route. An unreadable record is skipped with a warning;
 * the next value for its key replaces it.
 */
public final class ReputationFeed implements Runnable, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReputationFeed.class);

  private final String bootstrap;
  private final ReputationBook book;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  public ReputationFeed(String bootstrap, ReputationBook book) {
    this.bootstrap = bootstrap;
    this.book = book;
  }

  @Override
  public void run() {
    try {
      while (running) {
        try (KafkaConsumer<byte[], byte[]> c = newConsumer()) {
          consumer = c;
          List<TopicPartition> partitions =
              Stream.of(Topics.IP_SCORES, Topics.WARMUP)
                  .flatMap(
                      topic ->
                          c.partitionsFor(topic).stream()
                              .map(p -> new TopicPartition(topic, p.partition())))
                  .toList();
          c.assign(partitions);
          c.seekToBeginning(partitions);
          Map<TopicPartition, Long> ends = c.endOffsets(partitions);
          while (running) {
            for (ConsumerRecord<byte[], byte[]> record : c.poll(Duration.ofMillis(500))) {
              apply(record);
            }
            if (caughtUp.getCount() > 0
                && ends.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
              caughtUp.countDown();
            }
          }
        } catch (WakeupException e) {
          // close() asked us to stop.
        } catch (RuntimeException e) {
          LOG.warn("reputation feed failed, reading again: {}", e.toString());
          sleep();
        }
      }
    } finally {
      stopped.countDown();
    }
  }

  /**
   * Waits until everything the topics held at start is in the book, so that the first messages are
   * not routed blind; false when that took longer than {@code timeout}.
   */
  public boolean awaitCaughtUp(Duration timeout) {
    try {
      return caughtUp.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  void apply(ConsumerRecord<byte[], byte[]> record) {
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    boolean scores = record.topic().equals(Topics.IP_SCORES);
    if (record.value() == null) {
      if (key != null) {
        if (scores) {
          book.removeScore(key);
        } else {
          book.removeWarmup(key);
        }
      }
      return;
    }
    try {
      if (scores) {
        book.put(Json.mapper().readValue(record.value(), IpScore.class));
      } else {
        book.put(Json.mapper().readValue(record.value(), WarmupState.class));
      }
    } catch (IOException e) {
      LOG.warn(
          "skipping an unreadable record on {} (key {}): {}", record.topic(), key, e.getMessage());
    }
  }

  private KafkaConsumer<byte[], byte[]> newConsumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private void sleep() {
    try {
      Thread.sleep(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
