package dev.heron.jobs.bench;

import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Settings;
import dev.heron.events.TimeOrderedIds;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes a benchmark's events to {@code heron.events}: one tenant, one campaign, many messages. */
final class BenchEvents implements AutoCloseable {
  private static final List<String> PROVIDERS = List.of("gmail", "outlook", "yahoo", "apple");
  private static final List<String> IPS = List.of("127.0.0.2", "127.0.0.3", "127.0.0.4");

  final UUID tenant = UUID.randomUUID();
  final UUID campaign = UUID.randomUUID();
  private final KafkaProducer<byte[], byte[]> producer;
  private final Map<Integer, UUID> lastProducedByPartition = new ConcurrentHashMap<>();

  BenchEvents() {
    Properties props = new Properties();
    props.put("bootstrap.servers", Settings.get(Settings.KAFKA_BOOTSTRAP));
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    props.put("linger.ms", "20");
    props.put("batch.size", "262144");
    props.put("compression.type", "lz4");
    producer = new KafkaProducer<>(props);
  }

  /** {@code messages} messages of three events each (sent, delivered, opened or bounced). */
  long produce(int messages, Instant at) {
    long count = 0;
    for (int i = 0; i < messages; i++) {
      UUID message = TimeOrderedIds.next(); // as the planner makes them (heron_uuid_v7)
      String provider = PROVIDERS.get(i % PROVIDERS.size());
      String ip = IPS.get(i % IPS.size());
      produce(event(EventType.SENT, message, at, provider, ip).build());
      produce(event(EventType.DELIVERED, message, at.plusMillis(1), provider, ip).build());
      produce(
          i % 20 == 0
              ? event(EventType.BOUNCED, message, at.plusMillis(2), provider, ip)
                  .bounceClass(dev.heron.events.BounceClass.SOFT)
                  .build()
              : event(EventType.OPENED, message, at.plusMillis(2), provider, ip).build());
      count += 3;
    }
    producer.flush();
    return count;
  }

  /**
   * The last event {@link #produce} wrote to each partition of {@code heron.events}. The archive
   * loads a partition's events in order, so once these are archived every earlier one is too: a
   * check of a few primary keys instead of counting the tenant's rows while they are written.
   */
  List<UUID> lastProducedPerPartition() {
    return List.copyOf(lastProducedByPartition.values());
  }

  /** One SENT event of the probe campaign, now, for freshness. */
  void probe(UUID probeCampaign) {
    producer.send(
        record(
            event(EventType.SENT, TimeOrderedIds.next(), Instant.now(), "gmail", "127.0.0.2")
                .campaignId(probeCampaign)
                .build()));
    producer.flush();
  }

  private Event.Builder event(
      EventType type, UUID message, Instant at, String provider, String ip) {
    return Event.builder(type)
        .occurredAt(at)
        .source("bench")
        .tenantId(tenant)
        .campaignId(campaign)
        .messageId(message)
        .channel(Channel.EMAIL)
        .variant("A")
        .senderIdentity("bench.example.test")
        .provider(provider)
        .sendingIp(ip);
  }

  /** Sends one of the measured events; a partition's callbacks run in the order it was sent. */
  private void produce(Event e) {
    producer.send(
        record(e),
        (written, error) -> {
          if (error == null) {
            lastProducedByPartition.put(written.partition(), e.eventId());
          }
        });
  }

  private static ProducerRecord<byte[], byte[]> record(Event e) {
    return new ProducerRecord<>(
        Topics.EVENTS,
        e.messageId().toString().getBytes(StandardCharsets.UTF_8),
        WireCodec.EVENTS.encode(e));
  }

  @Override
  public void close() {
    producer.close();
  }
}
