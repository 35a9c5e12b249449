package dev.heron.jobs.intake;

import dev.heron.events.DeadLetter;
import dev.heron.events.Json;
import dev.heron.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a {@link DeadLetter} to {@link Topics#DLQ} under the unreadable record's own key. */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter letter, KafkaSinkContext context, Long timestamp) {
    byte[] key = letter.key() == null ? null : letter.key().getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(Topics.DLQ, key, Json.write(letter));
  }
}
