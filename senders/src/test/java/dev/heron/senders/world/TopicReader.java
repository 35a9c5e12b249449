package dev.heron.senders.world;

import dev.heron.events.DeadLetter;
import dev.heron.events.Decoded;
import dev.heron.events.Event;
import dev.heron.events.Json;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one topic from its end as it was when the reader was made, keeping the records a test cares
 * about; other tests' records on the shared topic are skipped.
 */
public final class TopicReader<T> implements AutoCloseable {
  /**
   * How long a test waits for records that a sender, Kafka and the simulator have to produce:
   * generous, because a CI machine at a load of 10 can take tens of seconds for what takes one
   * here; waiting costs nothing when they come sooner.
   */
  public static final Duration PATIENCE = Duration.ofSeconds(120);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Function<byte[], T> decode;
  private final Predicate<T> mine;
  private final List<T> seen = new ArrayList<>();

  public TopicReader(
      String bootstrap, String topic, Function<byte[], T> decode, Predicate<T> mine) {
    this.decode = decode;
    this.mine = mine;
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // fixes the start before the test publishes
  }

  /** The events on heron.events that {@code mine} keeps; a record that is no event is skipped. */
  public static TopicReader<Event> events(Predicate<Event> mine) {
    return new TopicReader<>(
        TestInfra.kafka(),
        Topics.EVENTS,
        bytes ->
            WireCodec.EVENTS.decode(bytes) instanceof Decoded.Valid<Event> v ? v.value() : null,
        mine);
  }

  /** The events of {@code tenant} on heron.events. */
  public static TopicReader<Event> eventsOf(UUID tenant) {
    return events(e -> tenant.equals(e.tenantId()));
  }

  /** The dead letters on heron.dlq that {@code mine} keeps; a record that is none is skipped. */
  public static TopicReader<DeadLetter> deadLetters(Predicate<DeadLetter> mine) {
    return new TopicReader<>(
        TestInfra.kafka(),
        Topics.DLQ,
        bytes -> {
          try {
            return Json.mapper().readValue(bytes, DeadLetter.class);
          } catch (IOException e) {
            return null;
          }
        },
        mine);
  }

  /** The dead letters on heron.dlq whose payload names {@code tenant}. */
  public static TopicReader<DeadLetter> deadLettersOf(UUID tenant) {
    return deadLetters(d -> d.payload() != null && d.payload().contains(tenant.toString()));
  }

  /** Polls until {@code done} holds for what was read, or fails after {@code timeout}. */
  public List<T> readUntil(Predicate<List<T>> done, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (!done.test(seen)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "timed out after "
                + timeout
                + "; read "
                + seen.size()
                + " so far, the last: "
                + seen.subList(Math.max(0, seen.size() - 20), seen.size()));
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        T value = decode.apply(record.value());
        if (value != null && mine.test(value)) {
          seen.add(value);
        }
      }
    }
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
