package dev.heron.jobs.warmup;

import dev.heron.events.Json;
import dev.heron.events.Topics;
import dev.heron.events.WarmupState;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a {@link WarmupState} to the compacted {@link Topics#WARMUP} under its IP. */
public final class WarmupStateSerializer implements KafkaRecordSerializationSchema<WarmupState> {
  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      WarmupState state, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        Topics.WARMUP, state.ip().getBytes(StandardCharsets.UTF_8), Json.write(state));
  }
}
