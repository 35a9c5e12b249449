package dev.heron.senders.kafka;

import dev.heron.events.DeadLetter;
import dev.heron.events.Decoded;
import dev.heron.events.Json;
import dev.heron.events.SendRequest;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.senders.delivery.BadRecordException;
import dev.heron.senders.delivery.DeliveryManager;
import dev.heron.senders.delivery.Outages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link Topics#SENDS} in the consumer group {@value #GROUP} (by default) and hands each
 * polled batch to the {@link DeliveryManager}. Up to {@value #BATCHES_IN_FLIGHT} batches are
 * delivered side by side, so that one batch's claims and outcome writes overlap another's SMTP
 * transactions; offsets are committed in poll order, each batch's only after its outcomes are
 * recorded and its events are durable, and every earlier batch's too. A record that cannot be read,
 * or whose delivery fails by itself ({@link #deliverSettingApartBadRecords}), goes to {@link
 * Topics#DLQ} with the reason. Another instance in the same group takes a share of the partitions.
 */
public final class DeliveryLoop implements Runnable, AutoCloseable {
  public static final String GROUP = "heron-senders";
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);

  /**
   * Batches delivered at once. One batch at a time left the SMTP lanes idle while its claims, links
   * and last outcomes went to the database; three keep them busy. Each holds at most {@link
   * #MAX_POLL_RECORDS} messages in flight, which a crash may send twice.
   */
  static final int BATCHES_IN_FLIGHT = 3;

  private static final int MAX_POLL_RECORDS = 500;

  /** The most messages this loop has claimed and not finished at once. */
  public static final int MOST_IN_FLIGHT = BATCHES_IN_FLIGHT * MAX_POLL_RECORDS;

  private final String bootstrap;
  private final String group;
  private final Set<UUID> tenantScope;
  private final String instance;
  private final DeliveryManager manager;
  private final KafkaEventSink sink;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Instant lastPoll = Instant.now();

  /**
   * @param group the consumer group: {@value #GROUP} for the shared pool of instances
   * @param tenantScope the tenants this instance serves, empty for all. A scoped instance reads in
   *     a group of its own and leaves other tenants' requests to theirs.
   */
  public DeliveryLoop(
      String bootstrap,
      String group,
      Set<UUID> tenantScope,
      String instance,
      DeliveryManager manager,
      KafkaEventSink sink) {
    this.bootstrap = bootstrap;
    this.group = group;
    this.tenantScope = Set.copyOf(tenantScope);
    this.instance = instance;
    this.manager = manager;
    this.sink = sink;
  }

  @Override
  public void run() {
    ExecutorService delivering =
        Executors.newFixedThreadPool(
            BATCHES_IN_FLIGHT,
            r -> {
              Thread t = new Thread(r, "delivery-batch");
              t.setDaemon(true);
              return t;
            });
    try {
      while (running) {
        InFlightBatches inFlight = new InFlightBatches();
        try (KafkaConsumer<byte[], byte[]> c = newConsumer()) {
          consumer = c;
          c.subscribe(List.of(Topics.SENDS), inFlight.settlingOnRevoke(c::commitSync));
          try {
            while (running) {
              lastPoll = Instant.now();
              ConsumerRecords<byte[], byte[]> polled = c.poll(POLL);
              if (!polled.isEmpty()) {
                inFlight.add(offsetsAfter(polled), start(polled, delivering));
              }
              inFlight.commitFinished(c::commitSync, BATCHES_IN_FLIGHT - 1);
            }
            inFlight.settle(c::commitSync);
          } catch (WakeupException e) {
            // close() asked us to stop: the batches under way end and are committed.
            inFlight.settle(c::commitSync);
          } catch (RuntimeException e) {
            // Nothing past the failure is committed: the batches from there are read again by a
            // new consumer once those under way have ended; claims prevent double sends.
            inFlight.abandon();
            sink.clearFailure();
            throw e;
          }
        } catch (WakeupException e) {
          // close() asked us to stop while the last batches were committed.
        } catch (RuntimeException e) {
          LOG.error("delivery batch failed; rejoining the group to read it again", e);
          pause();
        }
      }
    } finally {
      delivering.shutdown();
      stopped.countDown();
    }
  }

  /** Decodes a polled batch here, and delivers it on one of {@code delivering}'s threads. */
  private CompletableFuture<Void> start(
      ConsumerRecords<byte[], byte[]> polled, ExecutorService delivering) {
    List<Polled> batch = new ArrayList<>(polled.count());
    for (ConsumerRecord<byte[], byte[]> record : polled) {
      Decoded<SendRequest> decoded = WireCodec.SENDS.decode(record.value());
      if (decoded instanceof Decoded.Valid<SendRequest> valid) {
        if (inScope(valid.value().tenantId())) {
          batch.add(new Polled(record, valid.value()));
        }
      } else if (tenantScope.isEmpty() || inScope(readableTenant(record.value()))) {
        sink.publish(deadLetter(record, ((Decoded.Invalid<SendRequest>) decoded).reason()));
      }
    }
    return CompletableFuture.runAsync(
        () -> {
          deliverSettingApartBadRecords(batch);
          sink.flush(); // the dead letters too
        },
        delivering);
  }

  /** The offsets to commit once a polled batch is done: each partition's next record. */
  private static Map<TopicPartition, OffsetAndMetadata> offsetsAfter(
      ConsumerRecords<byte[], byte[]> polled) {
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    for (TopicPartition partition : polled.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> records = polled.records(partition);
      next.put(partition, new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
    }
    return next;
  }

  /** A readable send request and the record it came in. */
  private record Polled(ConsumerRecord<byte[], byte[]> record, SendRequest request) {}

  /**
   * Delivers the batch; should it fail for a reason other than an outage (of the store or the
   * broker, which fails the whole batch so that it is read again), delivers each half again, down
   * to the single request that fails alone: that one goes to {@link Topics#DLQ} with the reason,
   * the others go on. The claims keep any message delivered by the first try from going out twice.
   */
  private void deliverSettingApartBadRecords(List<Polled> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try {
      manager.deliver(batch.stream().map(Polled::request).toList());
    } catch (RuntimeException e) {
      if (Outages.isOutage(e)) {
        throw e;
      }
      if (batch.size() == 1) {
        sink.publish(deadLetter(batch.get(0).record(), reasonOf(batch.get(0).request(), e)));
        return;
      }
      LOG.warn(
          "a batch of {} failed ({}); delivering its halves apart", batch.size(), e.toString());
      int half = batch.size() / 2;
      deliverSettingApartBadRecords(batch.subList(0, half));
      deliverSettingApartBadRecords(batch.subList(half, batch.size()));
    }
  }

  private static String reasonOf(SendRequest request, RuntimeException e) {
    String why = e instanceof BadRecordException ? e.getMessage() : e.toString();
    return "message " + request.messageId() + " cannot be delivered: " + why;
  }

  private boolean inScope(UUID tenant) {
    return tenantScope.isEmpty() || tenantScope.contains(tenant);
  }

  /** The tenant an unreadable record names, when that much of it can be read. */
  private static UUID readableTenant(byte[] value) {
    try {
      return UUID.fromString(Json.mapper().readTree(value).path("tenantId").asText());
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      return null;
    }
  }

  private DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
    LOG.warn(
        "send request set apart at {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        reason);
    return new DeadLetter(
        record.topic(),
        record.partition(),
        record.offset(),
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
        record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8),
        reason,
        "senders",
        Instant.now());
  }

  private KafkaConsumer<byte[], byte[]> newConsumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            group,
            ConsumerConfig.CLIENT_ID_CONFIG,
            instance,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            MAX_POLL_RECORDS,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  private void pause() {
    try {
      Thread.sleep(PAUSE_AFTER_FAILURE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** True while the loop polls: it has polled within the consumer's allowed interval. */
  public boolean healthy() {
    return running
        && stopped.getCount() > 0
        && lastPoll.isAfter(Instant.now().minus(Duration.ofMinutes(5)));
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
