package dev.heron.api;

import dev.heron.events.Settings;
import dev.heron.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what is written to a topic from now on (it starts at the end of every partition), without a
 * consumer group, so tests never disturb the services' offsets or each other.
 */
public final class TopicReader implements AutoCloseable {
  /**
   * How long a test waits for work done elsewhere — records through Kafka, the dispatcher's next
   * tick, another transaction: generous, because a CI machine at a load of 10 can take tens of
   * seconds for what takes one here; waiting costs nothing when it comes sooner.
   */
  public static final Duration PATIENCE = Duration.ofSeconds(90);

  private final KafkaConsumer<String, byte[]> consumer;

  public TopicReader(String topic) {
    ensureTopics();
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Settings.get(Settings.KAFKA_BOOTSTRAP),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    List<TopicPartition> partitions =
        consumer.partitionsFor(topic, PATIENCE).stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // seekToEnd is lazy: resolve the positions now, before the test acts.
    partitions.forEach(p -> consumer.position(p, PATIENCE));
  }

  /**
   * Records matching {@code wanted} until {@code expected} of them arrived, then keeps reading for
   * {@code settle} to catch any extra one; gives up at {@code deadline}.
   */
  public List<ConsumerRecord<String, byte[]>> await(
      Predicate<ConsumerRecord<String, byte[]>> wanted,
      int expected,
      Duration deadline,
      Duration settle) {
    List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
    Instant giveUp = Instant.now().plus(deadline);
    Instant stop = null;
    while (Instant.now().isBefore(stop != null ? stop : giveUp)) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
        if (wanted.test(record)) {
          found.add(record);
        }
      }
      if (stop == null && found.size() >= expected) {
        stop = Instant.now().plus(settle);
      }
    }
    return found;
  }

  /** Creates Heron's topics where they are missing (the launcher normally has). */
  static synchronized void ensureTopics() {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Settings.get(Settings.KAFKA_BOOTSTRAP)))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing =
          Topics.all().stream()
              .filter(t -> !existing.contains(t.name()))
              .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.config()))
              .collect(Collectors.toList());
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topics", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
