package dev.heron.senders.kafka;

import dev.heron.events.DeadLetter;
import dev.heron.events.Event;
import dev.heron.events.Json;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.senders.delivery.DeadLetterSink;
import dev.heron.senders.delivery.EventSink;
import dev.heron.senders.delivery.SinkUnavailableException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events to {@link Topics#EVENTS} keyed by message id, and dead letters to {@link Topics#DLQ}, on
 * one idempotent producer with {@code acks=all}. {@link #flush()} fails (a {@link
 * SinkUnavailableException}: the broker, not a record, is at fault) when any record since the last
 * flush was not written, so that the consumer does not commit past it; so does a publish the
 * producer refuses at once (no metadata, a full buffer). A record's failure is noted by its send
 * callback, which Kafka runs before the flush that waits for the record returns.
 *
 * <p>A sink {@link #sharedByBatches shared by batches delivered side by side} keeps a failure until
 * {@link #clearFailure()}: one batch's flush may confirm another's records, so no batch may commit
 * past an event any flush found lost until the loop has read them all again. Any other sink reports
 * a failure once, to the flush that finds it.
 */
public final class KafkaEventSink implements EventSink, DeadLetterSink, AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final boolean sharedByBatches;
  private final AtomicReference<SinkUnavailableException> failure = new AtomicReference<>();

  public KafkaEventSink(String bootstrap, String clientId) {
    this(bootstrap, clientId, false);
  }

  /**
   * A sink whose failures last until {@link #clearFailure()}, for batches delivered side by side.
   */
  public static KafkaEventSink sharedByBatches(String bootstrap, String clientId) {
    return new KafkaEventSink(bootstrap, clientId, true);
  }

  private KafkaEventSink(String bootstrap, String clientId, boolean sharedByBatches) {
    this.sharedByBatches = sharedByBatches;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG,
                clientId,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "lz4"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  @Override
  public void publish(Event event) {
    send(
        new ProducerRecord<>(
            Topics.EVENTS, event.messageId().toString(), WireCodec.EVENTS.encode(event)));
  }

  @Override
  public void publish(DeadLetter letter) {
    send(new ProducerRecord<>(Topics.DLQ, letter.key(), Json.write(letter)));
  }

  private void send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(
          record,
          (metadata, e) -> {
            if (e != null) {
              failure.compareAndSet(
                  null, new SinkUnavailableException("an event was not written to Kafka", e));
            }
          });
    } catch (KafkaException e) {
      throw new SinkUnavailableException("a record could not be handed to Kafka", e);
    }
  }

  @Override
  public void flush() {
    try {
      producer.flush();
    } catch (KafkaException e) {
      throw new SinkUnavailableException("events could not be flushed to Kafka", e);
    }
    SinkUnavailableException seen = sharedByBatches ? failure.get() : failure.getAndSet(null);
    if (seen != null) {
      throw new SinkUnavailableException("events since the last flush were not all written", seen);
    }
  }

  /**
   * Forgets a failure once every batch that might have lost an event has ended without committing:
   * they are read again and publish again.
   */
  public void clearFailure() {
    failure.set(null);
  }

  @Override
  public void close() {
    producer.close();
  }
}
