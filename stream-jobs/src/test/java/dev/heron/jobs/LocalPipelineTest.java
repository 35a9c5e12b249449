package dev.heron.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.DeadLetter;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Json;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.jobs.insights.InsightsSettings;
import dev.heron.jobs.intake.EventIntake;
import dev.heron.jobs.intake.KafkaEvents;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pipeline bin/heron runs, on the real broker and database: events produced to {@code
 * heron.events} reach the archive and the buckets within seconds, and an unreadable record reaches
 * {@code heron.dlq} with its reason.
 */
class LocalPipelineTest {
  @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();
  // A MiniCluster starting, a Kafka source assigned and JDBC sinks committed: on a CI machine at a
  // load of 10 that can take minutes; waiting costs nothing when it is quicker.
  private static final Duration DEADLINE = Duration.ofSeconds(180);

  private final TestEvents events = new TestEvents();

  @Test
  void eventsFromKafkaReachTheArchiveTheBucketsAndTheDeadLetterTopic() throws Exception {
    long start = System.currentTimeMillis();
    List<Event> input = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < 40; i++) {
      UUID message = UUID.randomUUID();
      input.add(events.event(EventType.SENT, message, now));
      input.add(events.event(EventType.DELIVERED, message, now.plusMillis(5)));
      if (i % 4 == 0) {
        input.add(events.event(EventType.OPENED, message, now.plusMillis(10)));
      }
    }
    input.add(input.get(0)); // a producer retry: same event id
    String badKey = "bad-" + events.tenant;
    produce(input, badKey);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.enableCheckpointing(500);
    EventIntake intake =
        new EventIntake(
            KafkaEvents.source(
                "heron-stream-jobs-test-" + events.tenant, OffsetsInitializer.timestamp(start)),
            KafkaEvents.deadLetterSink(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(1));
    LocalPipeline.wire(
        env,
        intake,
        PipelineSinks.real(),
        LocalPipeline.Lookups.real(),
        InsightsSettings.defaults());
    JobClient job = env.executeAsync("local-pipeline-test");
    try {
      assertThat(poll(() -> query("SELECT count(*) FROM events WHERE tenant_id = ?"), 90L))
          .isEqualTo(90L);
      assertThat(
              poll(
                  () ->
                      query(
                          "SELECT sum(sent) * 10000 + sum(delivered) * 100 + sum(opens_unique)"
                              + " FROM insight_buckets_hourly WHERE tenant_id = ?"),
                  40_40_10L))
          .isEqualTo(40_40_10L);
      DeadLetter letter = deadLetter(badKey, start);
      assertThat(letter.reason()).startsWith("not JSON");
      assertThat(letter.topic()).isEqualTo(Topics.EVENTS);
      assertThat(letter.consumer()).isEqualTo("stream-jobs");
    } finally {
      job.cancel().get();
    }
  }

  private void produce(List<Event> input, String badKey) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", Settings.get(Settings.KAFKA_BOOTSTRAP));
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (Event e : input) {
        producer.send(
            new ProducerRecord<>(
                Topics.EVENTS, bytes(e.messageId().toString()), WireCodec.EVENTS.encode(e)));
      }
      producer.send(new ProducerRecord<>(Topics.EVENTS, bytes(badKey), bytes("{\"type\":")));
      producer.flush();
    }
  }

  private DeadLetter deadLetter(String key, long since) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", Settings.get(Settings.KAFKA_BOOTSTRAP));
    props.put("key.deserializer", ByteArrayDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.DLQ).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      var offsets =
          consumer.offsetsForTimes(
              partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p, p -> since)));
      for (TopicPartition p : partitions) {
        if (offsets.get(p) != null) {
          consumer.seek(p, offsets.get(p).offset());
        } else {
          consumer.seekToEnd(List.of(p));
        }
      }
      long deadline = System.currentTimeMillis() + DEADLINE.toMillis();
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))) {
            return Json.mapper().readValue(r.value(), DeadLetter.class);
          }
        }
      }
    }
    throw new AssertionError("no dead letter with key " + key + " within " + DEADLINE);
  }

  private long query(String sql) {
    try (Connection c = TestDatabase.connect();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setObject(1, events.tenant);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The value once it equals {@code expected}, or the last one seen at the deadline. */
  private static long poll(Supplier<Long> value, long expected) throws InterruptedException {
    long deadline = System.currentTimeMillis() + DEADLINE.toMillis();
    long last = value.get();
    while (last != expected && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      last = value.get();
    }
    return last;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
