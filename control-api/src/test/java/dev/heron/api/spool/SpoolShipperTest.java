package dev.heron.api.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.TopicReader;
import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool against the real broker: unreachable first, then back. */
class SpoolShipperTest {
  @TempDir Path base;

  @Test
  void eventsWaitOnDiskWhileKafkaIsUnreachableAndAllArriveOnceItIsBack() throws Exception {
    UUID tenant = UUID.randomUUID();
    List<Event> events =
        IntStream.range(0, 300)
            .mapToObj(
                i ->
                    Event.builder(EventType.OPENED)
                        .source("test")
                        .tenantId(tenant)
                        .messageId(UUID.randomUUID())
                        .channel(Channel.EMAIL)
                        .machineOpen(false)
                        .occurredAt(Instant.now())
                        .build())
            .toList();
    Set<String> keys = new HashSet<>();
    events.forEach(e -> keys.add(e.messageId().toString()));

    try (SpoolLog log = SpoolLog.open(base)) {
      log.append(
          events.stream()
              .map(e -> new SpoolRecord(e.messageId().toString(), WireCodec.EVENTS.encode(e)))
              .toList());

      try (Producer<String, byte[]> dead = deadProducer("127.0.0.1:" + unusedPort());
          SpoolShipper shipper = new SpoolShipper(log, dead, Topics.EVENTS, 100).start()) {
        Thread.sleep(1_500);
        assertThat(shipper.shipped()).isZero();
      }
      assertThat(SpoolLog.countPending(log.directory())).isEqualTo(300);

      try (TopicReader topic = new TopicReader(Topics.EVENTS);
          Producer<String, byte[]> live = liveProducer();
          SpoolShipper shipper = new SpoolShipper(log, live, Topics.EVENTS, 100).start()) {
        var arrived =
            topic.await(r -> keys.contains(r.key()), 300, TopicReader.PATIENCE, Duration.ZERO);
        assertThat(arrived.stream().map(r -> r.key()).distinct()).hasSize(300);
        // The last batch's acknowledgement may be counted just after its records are readable.
        Instant counted = Instant.now().plus(TopicReader.PATIENCE);
        while (shipper.shipped() < 300 && Instant.now().isBefore(counted)) {
          Thread.sleep(20);
        }
        assertThat(shipper.shipped()).isGreaterThanOrEqualTo(300);
      }
      assertThat(SpoolLog.countPending(log.directory())).isZero();
    }
  }

  /** Gives up on the unreachable broker within a second, so the shipper keeps retrying. */
  private static Producer<String, byte[]> deadProducer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1_000,
            ProducerConfig.LINGER_MS_CONFIG, 5),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /**
   * The real broker with Kafka's own timeouts: the dead producer's 300 ms for metadata would fail
   * sends to a live broker on a loaded machine, and the test would wait on retries.
   */
  private static Producer<String, byte[]> liveProducer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            Settings.get(Settings.KAFKA_BOOTSTRAP),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            5),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
