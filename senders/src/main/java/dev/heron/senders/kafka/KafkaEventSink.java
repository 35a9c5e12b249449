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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events to {@link Topics#EVENTS} keyed by message id, and dead letters to {@link Topics#DLQ}, on
 * one idempotent producer with {@code acks=all}. {@link #flush()} fails (a {@link
 * SinkUnavailableException}: the broker, not a record, is at fault) when any record since the last
 * flush was not written, so that the consumer does not commit past it; so does a publish the
 * producer refuses at once (no metadata, a full buffer). Batches delivered side by side share the
 * producer, and one flush may confirm another's records: so a failure, once seen, fails every flush
 * until {@link #clearFailure()} — no batch can commit past an event another flush found lost.
 */
public final class KafkaEventSink implements EventSink, DeadLetterSink, AutoCloseable {
  private final KafkaProducer<String, byte[]> producer;
  private final Queue<Future<RecordMetadata>> unconfirmed = new ConcurrentLinkedQueue<>();
  private volatile SinkUnavailableException failure;

  public KafkaEventSink(String bootstrap, String clientId) {
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
      unconfirmed.add(producer.send(record));
    } catch (KafkaException e) {
      throw new SinkUnavailableException("a record could not be handed to Kafka", e);
    }
  }

  @Override
  public void flush() {
    try {
      producer.flush();
    } catch (KafkaException e) {
      throw failed(new SinkUnavailableException("events could not be flushed to Kafka", e));
    }
    Future<RecordMetadata> sent;
    while ((sent = unconfirmed.poll()) != null) {
      try {
        sent.get();
      } catch (ExecutionException e) {
        throw failed(
            new SinkUnavailableException("an event was not written to Kafka", e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SinkUnavailableException("interrupted while writing events", e);
      }
    }
    SinkUnavailableException seen = failure;
    if (seen != null) {
      throw new SinkUnavailableException("an earlier flush found events not written", seen);
    }
  }

  private SinkUnavailableException failed(SinkUnavailableException e) {
    unconfirmed.clear();
    failure = e;
    return e;
  }

  /**
   * Forgets a failure once every batch that might have lost an event has ended without committing:
   * they are read again and publish again.
   */
  public void clearFailure() {
    failure = null;
  }

  @Override
  public void close() {
    producer.close();
  }
}
