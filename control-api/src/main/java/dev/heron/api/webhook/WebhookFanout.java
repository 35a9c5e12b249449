package dev.heron.api.webhook;

import dev.heron.api.db.Db;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads heron.events in its own consumer group and records a pending delivery for every event and
 * subscription that wants it; the {@link WebhookDeliverer} sends them. Offsets are committed after
 * the deliveries are, so a crash replays events, and the unique (subscription, event) key keeps a
 * replayed event from being delivered twice. The {@link WebhookMatcher} passes over the events
 * nobody subscribes to without decoding them, and a batch that makes no delivery opens no
 * transaction. Records that are not valid events are left to the stream jobs' intake, which
 * dead-letters them.
 */
@Context
@Requires(property = "heron.webhooks.fanout", notEquals = "false")
class WebhookFanout {
  static final String GROUP = "control-api-webhooks";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookFanout.class);

  private final Db db;
  private final WebhookMatcher matcher;
  private final WebhookDeliverer deliverer;
  private final KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  WebhookFanout(Db db, WebhookSubscriptions subscriptions, WebhookDeliverer deliverer) {
    this.db = db.withQueries(WebhookQueries.FILE, WebhookQueries.ALL);
    this.matcher = new WebhookMatcher(subscriptions::of, WireCodec.EVENTS::decode);
    this.deliverer = deliverer;
    this.consumer =
        new KafkaConsumer<>(
            Map.<String, Object>ofEntries(
                Map.entry(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    Settings.get(Settings.KAFKA_BOOTSTRAP)),
                Map.entry(ConsumerConfig.GROUP_ID_CONFIG, GROUP),
                Map.entry(ConsumerConfig.CLIENT_ID_CONFIG, "control-api-webhooks"),
                Map.entry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                // A new group starts at the beginning: subscriptions only take events that occurred
                // after they were created, so nothing older is delivered.
                Map.entry(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                Map.entry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                // Under load, fewer and fuller fetches (each a poll and a commit) instead of one
                // per few records; a webhook waits at most the fetch wait longer.
                Map.entry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 64 * 1024),
                Map.entry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200),
                Map.entry(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                // A fetch response is read into one buffer: kept under half a G1 region (1 MiB at
                // a 1 GiB heap) so that catching up is not a humongous allocation per fetch.
                Map.entry(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 256 * 1024),
                Map.entry(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 448 * 1024)),
            // Key and value are left where the fetch put them, not copied: most values are only
            // peeked at, and the key (the message id) is not read.
            new ByteBufferDeserializer(),
            new ByteBufferDeserializer());
    this.thread = new Thread(this::run, "webhook-fanout");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(Topics.EVENTS));
      while (running) {
        ConsumerRecords<ByteBuffer, ByteBuffer> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          continue;
        }
        int added = record(records);
        if (!running) {
          break; // stopped before the deliveries were recorded: their offsets stay uncommitted
        }
        if (added > 0) {
          consumer.commitSync();
          deliverer.wakeUp();
        } else {
          // Nothing to deliver, so nothing to wait for: a commit that is lost only replays events
          // that make no delivery.
          consumer.commitAsync();
        }
      }
    } catch (WakeupException stopping) {
      // closing
    } catch (RuntimeException e) {
      LOG.error("webhook fan-out stopped", e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /**
   * Records the deliveries a batch of records makes, all in one transaction, and none when it makes
   * none; returns how many were new. Retried while the database cannot be reached.
   */
  private int record(ConsumerRecords<ByteBuffer, ByteBuffer> records) {
    while (running) {
      try {
        List<WebhookMatcher.Pending> deliveries = new ArrayList<>();
        for (ConsumerRecord<ByteBuffer, ByteBuffer> record : records) {
          deliveries.addAll(matcher.deliveriesOf(record.value()));
        }
        if (deliveries.isEmpty()) {
          return 0;
        }
        return db.transaction(
            tx -> {
              int added = 0;
              for (WebhookMatcher.Pending d : deliveries) {
                added +=
                    tx.update(
                        WebhookQueries.DELIVERY_INSERT,
                        d.subscriptionId(),
                        d.eventId(),
                        d.eventType(),
                        d.payload());
              }
              return added;
            });
      } catch (RuntimeException e) {
        LOG.warn("cannot record webhook deliveries yet, retrying: {}", e.toString());
        sleepQuietly(1_000);
      }
    }
    return 0;
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
