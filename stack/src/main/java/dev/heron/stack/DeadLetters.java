package dev.heron.stack;

import dev.heron.events.DeadLetter;
import dev.heron.events.Json;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code bin/heron dlq [N]}: the newest dead letters on {@link Topics#DLQ}, oldest first, one line
 * each — when, who set it apart, where it came from, its key and the reason. It reads without a
 * consumer group, so it commits nothing and can be run at any time.
 */
public final class DeadLetters {
  static final int DEFAULT_COUNT = 20;
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  public static void main(String[] args) {
    boolean payloads = List.of(args).contains("--payload");
    List<String> counts = List.of(args).stream().filter(a -> !a.equals("--payload")).toList();
    int count = counts.isEmpty() ? DEFAULT_COUNT : parseCount(counts.get(0));
    List<String> lines = newest(Settings.get(Settings.KAFKA_BOOTSTRAP), count, payloads);
    if (lines.isEmpty()) {
      System.out.println("no dead letters on " + Topics.DLQ);
    }
    lines.forEach(System.out::println);
  }

  private static int parseCount(String arg) {
    try {
      int n = Integer.parseInt(arg);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    PrintStream err = System.err;
    err.println("dlq: the count must be a positive whole number, was '" + arg + "'");
    System.exit(2);
    return 0;
  }

  /**
   * The last {@code count} dead letters of the topic, oldest first, as printable lines; with {@code
   * payloads}, each followed by an indented line with the record it set apart.
   */
  static List<String> newest(String bootstrap, int count, boolean payloads) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "heron-dlq-reader",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.DLQ).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
      // Each partition may hold all of the newest: take up to `count` from each, keep the newest.
      for (TopicPartition p : partitions) {
        consumer.seek(p, Math.max(starts.get(p), ends.get(p) - count));
      }
      List<ConsumerRecord<byte[], byte[]>> read = new ArrayList<>();
      Instant deadline = Instant.now().plus(DEADLINE);
      while (!caughtUp(consumer, ends) && Instant.now().isBefore(deadline)) {
        consumer.poll(POLL).forEach(read::add);
      }
      return read.stream()
          .sorted(Comparator.comparingLong(ConsumerRecord::timestamp))
          .skip(Math.max(0, read.size() - count))
          .map(r -> payloads ? line(r) + "\n    " + payload(r) : line(r))
          .toList();
    }
  }

  private static boolean caughtUp(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private static String payload(ConsumerRecord<byte[], byte[]> record) {
    try {
      String payload = Json.mapper().readValue(record.value(), DeadLetter.class).payload();
      return payload == null ? "(no payload)" : payload.replace("\n", "\\n");
    } catch (IOException e) {
      return "(not a dead letter)";
    }
  }

  /** One dead letter on one line; a record that is not one is shown as it is. */
  static String line(ConsumerRecord<byte[], byte[]> record) {
    try {
      DeadLetter d = Json.mapper().readValue(record.value(), DeadLetter.class);
      String from =
          d.partition() < 0 ? d.topic() : d.topic() + "-" + d.partition() + "@" + d.offset();
      return String.join(
          "  ", String.valueOf(d.failedAt()), d.consumer(), from, "key=" + d.key(), d.reason());
    } catch (IOException e) {
      return Instant.ofEpochMilli(record.timestamp())
          + "  (not a dead letter) "
          + (record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
    }
  }

  private DeadLetters() {}
}
