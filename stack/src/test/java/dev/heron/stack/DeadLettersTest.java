package dev.heron.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.DeadLetter;
import dev.heron.events.Json;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@code bin/heron dlq} against the real broker of the test stack. */
class DeadLettersTest {
  private final String bootstrap = Settings.get(Settings.KAFKA_BOOTSTRAP);

  @Test
  void showsTheNewestDeadLettersOldestFirstWithWhereTheyCameFromAndWhy() throws Exception {
    String run = UUID.randomUUID().toString();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.DLQ,
                  "k1",
                  Json.write(
                      new DeadLetter(
                          Topics.EVENTS,
                          0,
                          42,
                          "k1",
                          "{}",
                          "field 'type' is missing " + run,
                          "stream-jobs",
                          Instant.parse("2026-01-02T03:04:05Z")))))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  Topics.DLQ,
                  "k2",
                  Json.write(
                      new DeadLetter(
                          "message_retries",
                          -1,
                          -1,
                          "k2",
                          "{}",
                          "the retry cannot be made " + run,
                          "senders",
                          Instant.parse("2026-01-02T03:04:06Z")))))
          .get();
      producer
          .send(
              new ProducerRecord<>(
                  Topics.DLQ, "k3", ("not json " + run).getBytes(StandardCharsets.UTF_8)))
          .get();
    }

    List<String> lines = DeadLetters.newest(bootstrap, 3, false);

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .isEqualTo(
            "2026-01-02T03:04:05Z  stream-jobs  heron.events-0@42  key=k1  field 'type' is missing "
                + run);
    assertThat(lines.get(1))
        .isEqualTo(
            "2026-01-02T03:04:06Z  senders  message_retries  key=k2  the retry cannot be made "
                + run);
    assertThat(lines.get(2)).contains("not a dead letter").endsWith("not json " + run);
    assertThat(DeadLetters.newest(bootstrap, 1, false)).containsExactly(lines.get(2));
    assertThat(DeadLetters.newest(bootstrap, 3, true).get(0)).isEqualTo(lines.get(0) + "\n    {}");
  }
}
