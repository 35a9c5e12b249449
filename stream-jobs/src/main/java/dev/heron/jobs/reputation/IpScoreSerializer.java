package dev.heron.jobs.reputation;

import dev.heron.events.IpScore;
import dev.heron.events.Json;
import dev.heron.events.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes an {@link IpScore} to the compacted {@link Topics#IP_SCORES} under {@code ip|provider}.
 */
public final class IpScoreSerializer implements KafkaRecordSerializationSchema<IpScore> {
  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      IpScore score, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        Topics.IP_SCORES, score.key().getBytes(StandardCharsets.UTF_8), Json.write(score));
  }
}
