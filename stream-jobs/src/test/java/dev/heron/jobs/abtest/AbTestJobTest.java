package dev.heron.jobs.abtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.AbTestDecision;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Json;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.jobs.BoundedSources;
import dev.heron.jobs.MiniClusters;
import dev.heron.jobs.TestDatabase;
import dev.heron.jobs.TestEvents;
import dev.heron.jobs.intake.EventIntake;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real job on a MiniCluster, deciding a real {@code ab_tests} row and publishing the decision
 * on the real {@code heron.ab-decisions} topic.
 */
class AbTestJobTest {
  @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

  private final TestEvents events = new TestEvents();
  private final Instant at = Instant.parse("2026-03-04T10:00:00Z");

  @Test
  void theVariantWithClearlyMoreUniqueOpensWins() throws Exception {
    UUID test = UUID.randomUUID();
    try (Connection c = TestDatabase.connect()) {
      events.storeTenantAndCampaign(c);
      TestDatabase.execute(
          c,
          "INSERT INTO ab_tests (id, tenant_id, campaign_id, metric) VALUES (?, ?, ?, 'opens')",
          test,
          events.tenant,
          events.campaign);
    }
    List<Event> input = new ArrayList<>();
    variant(input, "A", 200, 30);
    variant(input, "B", 200, 90);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    EventIntake intake = BoundedSources.intake(input);
    long before = System.currentTimeMillis();
    new AbTestJob(intake, new JdbcAbTestPlans(), AbTestJob.tableSink(), AbTestJob.topicSink())
        .build(env);
    env.execute("ab-test-test");

    AbTestDecision published = published(test.toString(), before);
    assertThat(published.campaignId()).isEqualTo(events.campaign.toString());
    assertThat(published.metric()).isEqualTo("opens");
    assertThat(published.winner()).isEqualTo("B");
    assertThat(published.reason()).startsWith("significant");
    assertThat(published.variants())
        .containsExactly(
            new AbTestDecision.VariantResult("B", 200, 90, 0.45),
            new AbTestDecision.VariantResult("A", 200, 30, 0.15));

    try (Connection c = TestDatabase.connect();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT status, winner_variant, decided_at, decision::text FROM ab_tests WHERE id = ?")) {
      st.setObject(1, test);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("status")).isEqualTo("decided");
        assertThat(rs.getString("winner_variant")).isEqualTo("B");
        assertThat(rs.getObject("decided_at")).isNotNull();
        var decision = Json.mapper().readTree(rs.getString("decision"));
        assertThat(decision.get("reason").asText()).startsWith("significant");
        assertThat(decision.get("variants").get(0).get("successes").asLong()).isEqualTo(90);
        assertThat(decision.get("variants").get(1).get("sent").asLong()).isEqualTo(200);
      }
    }
  }

  /** {@code sent} messages of the variant, {@code opened} of them opened twice by a person. */
  private void variant(List<Event> input, String variant, int sent, int opened) {
    for (int i = 0; i < sent; i++) {
      UUID message = UUID.randomUUID();
      input.add(events.of(EventType.SENT, message, at).variant(variant).build());
      input.add(
          events
              .of(EventType.OPENED, message, at.plusSeconds(5))
              .variant(variant)
              .machineOpen(true)
              .build());
      if (i < opened) {
        input.add(
            events.of(EventType.OPENED, message, at.plusSeconds(60)).variant(variant).build());
        input.add(
            events.of(EventType.OPENED, message, at.plusSeconds(90)).variant(variant).build());
      }
    }
  }

  /** The record under {@code key} on the decisions topic, written since {@code sinceMillis}. */
  private static AbTestDecision published(String key, long sinceMillis) throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", Settings.get(Settings.KAFKA_BOOTSTRAP));
    props.put("key.deserializer", ByteArrayDeserializer.class.getName());
    props.put("value.deserializer", ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.AB_DECISIONS).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> since = new HashMap<>();
      partitions.forEach(p -> since.put(p, sinceMillis));
      var offsets = consumer.offsetsForTimes(since);
      for (TopicPartition p : partitions) {
        if (offsets.get(p) != null) {
          consumer.seek(p, offsets.get(p).offset());
        } else {
          consumer.seekToEnd(List.of(p));
        }
      }
      // Generous for a loaded machine: the job has finished, the record only has to be read.
      long deadline = System.currentTimeMillis() + 120_000;
      while (System.currentTimeMillis() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.key() != null && key.equals(new String(r.key(), StandardCharsets.UTF_8))) {
            return Json.mapper().readValue(r.value(), AbTestDecision.class);
          }
        }
      }
    }
    throw new AssertionError("no decision keyed " + key + " on " + Topics.AB_DECISIONS);
  }
}
