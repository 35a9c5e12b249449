package dev.heron.senders.kafka;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.events.DeadLetter;
import dev.heron.senders.delivery.SinkUnavailableException;
import dev.heron.senders.world.TestInfra;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A record the broker cannot take (larger than the producer's request limit, refused through its
 * send callback) fails the flush after it; a shared sink keeps failing until the failure is
 * cleared, any other sink reports it once. Against the real broker.
 */
class KafkaEventSinkTest {
  private static final DeadLetter TOO_LARGE =
      new DeadLetter(
          "heron.sends", 0, 0, "k", "x".repeat(2 * 1024 * 1024), "test", "test", Instant.now());
  private static final DeadLetter SMALL =
      new DeadLetter("heron.sends", 0, 0, "k", "{}", "test", "test", Instant.now());

  @Test
  void aSinkOfItsOwnReportsALostRecordToOneFlush() {
    try (KafkaEventSink sink = new KafkaEventSink(TestInfra.kafka(), "sink-test-own")) {
      sink.publish(TOO_LARGE);
      assertThatThrownBy(sink::flush).isInstanceOf(SinkUnavailableException.class);

      sink.publish(SMALL);
      assertThatCode(sink::flush).doesNotThrowAnyException();
    }
  }

  @Test
  void aSharedSinkFailsEveryFlushUntilTheFailureIsCleared() {
    try (KafkaEventSink sink =
        KafkaEventSink.sharedByBatches(TestInfra.kafka(), "sink-test-shared")) {
      sink.publish(TOO_LARGE);
      assertThatThrownBy(sink::flush).isInstanceOf(SinkUnavailableException.class);

      sink.publish(SMALL);
      assertThatThrownBy(sink::flush)
          .as("another batch's flush must not commit past the lost record")
          .isInstanceOf(SinkUnavailableException.class);

      sink.clearFailure();
      sink.publish(SMALL);
      assertThatCode(sink::flush).doesNotThrowAnyException();
    }
  }
}
