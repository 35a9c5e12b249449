package dev.heron.api.tracking;

import dev.heron.events.Event;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Publishes engagement events to {@link Topics#EVENTS}, keyed by message id. */
@Singleton
public class EventPublisher {
  private static final long ACK_TIMEOUT_SECONDS = 15;
  private final Producer<String, byte[]> producer;

  EventPublisher(Producer<String, byte[]> producer) {
    this.producer = producer;
  }

  public Future<RecordMetadata> publish(Event event) {
    return producer.send(
        new ProducerRecord<>(
            Topics.EVENTS, event.messageId().toString(), WireCodec.EVENTS.encode(event)));
  }

  /** Publishes and waits for Kafka's acknowledgement: for facts that must not be lost. */
  public void publishAndWait(Event event) {
    try {
      publish(event).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing " + event.type(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge " + event.type() + ": " + e, e);
    }
  }
}
