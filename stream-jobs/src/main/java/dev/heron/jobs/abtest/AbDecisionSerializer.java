package dev.heron.jobs.abtest;

import dev.heron.events.Json;
import dev.heron.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes an {@link AbDecision} to the compacted {@link Topics#AB_DECISIONS} under its test id. */
public final class AbDecisionSerializer implements KafkaRecordSerializationSchema<AbDecision> {
  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      AbDecision decision, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        Topics.AB_DECISIONS,
        decision.published().key().getBytes(StandardCharsets.UTF_8),
        Json.write(decision.published()));
  }
}
