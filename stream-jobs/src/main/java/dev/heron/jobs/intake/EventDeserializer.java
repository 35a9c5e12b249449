package dev.heron.jobs.intake;

import dev.heron.jobs.types.FlinkTypes;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads {@code heron.events} records into {@link Incoming}s; an unreadable one is not an error. */
public final class EventDeserializer implements KafkaRecordDeserializationSchema<Incoming> {
  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Incoming> out) {
    out.collect(
        EventReader.read(
            record.topic(),
            record.partition(),
            record.offset(),
            record.key(),
            record.value(),
            Instant.now()));
  }

  @Override
  public TypeInformation<Incoming> getProducedType() {
    FlinkTypes.register();
    return TypeInformation.of(Incoming.class);
  }
}
