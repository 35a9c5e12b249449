package dev.heron.bench.model;

import dev.heron.events.Decoded;
import dev.heron.events.Event;
import dev.heron.events.IpScore;
import dev.heron.events.Json;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code heron.ip-scores} and {@code heron.events} from their ends while a run goes on, and
 * keeps, stamped with when they were read, the scores of the run's IPs and the delivery events of
 * its tenant.
 */
final class ReactionWatch implements AutoCloseable {
  /** A score as the senders could have seen it, at {@code seenAt}. */
  record SeenScore(Instant seenAt, IpScore score) {}

  final List<SeenScore> scores = new CopyOnWriteArrayList<>();
  final List<Event> deliveries = new CopyOnWriteArrayList<>();

  private final UUID tenant;
  private final Set<String> ips;
  private final String provider;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean positioned;

  ReactionWatch(UUID tenant, Set<String> ips, String provider) throws InterruptedException {
    this.tenant = tenant;
    this.ips = ips;
    this.provider = provider;
    this.thread = new Thread(this::watch, "reaction-watch");
    thread.setDaemon(true);
    thread.start();
    while (!positioned && thread.isAlive()) {
      Thread.sleep(50);
    }
  }

  private void watch() {
    Properties props = new Properties();
    props.put("bootstrap.servers", Settings.get(Settings.KAFKA_BOOTSTRAP));
    props.put("key.deserializer", ByteArrayDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          java.util.stream.Stream.of(Topics.IP_SCORES, Topics.EVENTS)
              .flatMap(t -> consumer.partitionsFor(t).stream())
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      positioned = true;
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          Instant seenAt = Instant.now();
          if (r.topic().equals(Topics.IP_SCORES)) {
            IpScore score = Json.mapper().readValue(r.value(), IpScore.class);
            if (ips.contains(score.ip()) && provider.equals(score.provider())) {
              scores.add(new SeenScore(seenAt, score));
            }
          } else if (WireCodec.EVENTS.decode(r.value()) instanceof Decoded.Valid<Event> valid
              && tenant.equals(valid.value().tenantId())
              && valid.value().sendingIp() != null) {
            deliveries.add(valid.value());
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("unreadable score on " + Topics.IP_SCORES, e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join(5_000);
  }
}
