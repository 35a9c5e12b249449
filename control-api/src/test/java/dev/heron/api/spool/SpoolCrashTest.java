package dev.heron.api.spool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.TopicReader;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events the control API spooled while Kafka was unreachable survive a kill -9 of its process and
 * reach heron.events from the next start, once Kafka is back.
 */
class SpoolCrashTest {
  private static final int EVENTS = 400;

  @TempDir Path base;

  @Test
  void eventsSpooledWhileKafkaIsAwaySurviveAKill9AndAreShippedByTheNextStart() throws Exception {
    UUID tenant = UUID.randomUUID();
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < EVENTS; i++) {
      messages.add(UUID.randomUUID().toString());
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                SpoolCrashChild.class.getName(),
                base.toString(),
                "127.0.0.1:" + SpoolShipperTest.unusedPort(),
                tenant.toString(),
                String.join(",", messages))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("spooled")) {
        // the child's own output before it reports
      }
      assertThat(line).isEqualTo("spooled " + EVENTS);
    } finally {
      // SIGKILL: no shutdown hook, no close, nothing flushed on the way out.
      child.destroyForcibly().waitFor();
    }
    assertThat(SpoolLog.countPending(base.resolve("0"))).isEqualTo(EVENTS);

    Set<String> keys = new HashSet<>(messages);
    try (TopicReader topic = new TopicReader(Topics.EVENTS);
        var producer = liveProducer()) {
      EventSpool restarted = new EventSpool(producer, base.toString());
      try {
        var arrived =
            topic.await(r -> keys.contains(r.key()), EVENTS, TopicReader.PATIENCE, Duration.ZERO);
        assertThat(arrived.stream().map(r -> r.key()).distinct()).hasSize(EVENTS);
        awaitEmpty(base.resolve("0"), TopicReader.PATIENCE);
      } finally {
        restarted.close();
      }
    }
  }

  private static void awaitEmpty(Path spool, Duration within) throws InterruptedException {
    Instant giveUp = Instant.now().plus(within);
    while (SpoolLog.countPending(spool) > 0 && Instant.now().isBefore(giveUp)) {
      Thread.sleep(50);
    }
    assertThat(SpoolLog.countPending(spool)).isZero();
  }

  private static KafkaProducer<String, byte[]> liveProducer() {
    return new KafkaProducer<>(
        Map.<String, Object>of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            Settings.get(Settings.KAFKA_BOOTSTRAP),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
