package dev.heron.api.webhook;

import dev.heron.api.db.Db;
import dev.heron.events.Decoded;
import dev.heron.events.Event;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads heron.events in its own consumer group and records a pending delivery for every event and
 * subscription that wants it; the {@link WebhookDeliverer} sends them. Offsets are committed after
 * the deliveries are, so a crash replays events, and the unique (subscription, event) key keeps a
 * replayed event from being delivered twice. Records that are not valid events are left to the
 * stream jobs' intake, which dead-letters them.
 */
@Context
@Requires(property = "heron.webhooks.fanout", notEquals = "false")
class WebhookFanout {
  static final String GROUP = "control-api-webhooks";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookFanout.class);

  private final Db db;
  private final WebhookSubscriptions subscriptions;
  private final WebhookDeliverer deliverer;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;

  WebhookFanout(Db db, WebhookSubscriptions subscriptions, WebhookDeliverer deliverer) {
    this.db = db.withQueries(WebhookQueries.FILE, WebhookQueries.ALL);
    this.subscriptions = subscriptions;
    this.deliverer = deliverer;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Settings.get(Settings.KAFKA_BOOTSTRAP),
                ConsumerConfig.GROUP_ID_CONFIG,
                GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "control-api-webhooks",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                // A new group starts at the beginning: subscriptions only take events that occurred
                // after they were created, so nothing older is delivered.
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                2_000),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "webhook-fanout");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(Topics.EVENTS));
      while (running) {
        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
        if (records.isEmpty()) {
          continue;
        }
        int added = record(records);
        consumer.commitSync();
        if (added > 0) {
          deliverer.wakeUp();
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

  /** Records the deliveries of a batch of records, all in one transaction; returns how many. */
  private int record(ConsumerRecords<String, byte[]> records) {
    while (running) {
      try {
        return db.transaction(
            tx -> {
              int added = 0;
              for (ConsumerRecord<String, byte[]> record : records) {
                if (!(WireCodec.EVENTS.decode(record.value()) instanceof Decoded.Valid<Event> v)) {
                  continue;
                }
                Event event = v.value();
                for (WebhookSubscriptions.Subscription s : subscriptions.matching(event)) {
                  added +=
                      tx.update(
                          WebhookQueries.DELIVERY_INSERT,
                          s.id(),
                          event.eventId(),
                          event.type().name(),
                          new String(record.value(), StandardCharsets.UTF_8));
                }
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
