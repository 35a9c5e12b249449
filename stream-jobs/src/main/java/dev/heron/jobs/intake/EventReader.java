package dev.heron.jobs.intake;

import dev.heron.events.DeadLetter;
import dev.heron.events.Decoded;
import dev.heron.events.Event;
import dev.heron.events.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Turns one raw Kafka record into an {@link Incoming}, never throwing. */
public final class EventReader {
  /** How the stream jobs name themselves on the dead letters they write. */
  public static final String CONSUMER = "stream-jobs";

  private EventReader() {}

  public static Incoming read(
      String topic, int partition, long offset, byte[] key, byte[] value, Instant now) {
    Decoded<Event> decoded;
    try {
      decoded = WireCodec.EVENTS.decode(value);
    } catch (RuntimeException e) {
      // The codec reports what it can name; anything else still must not stop the stream.
      decoded = new Decoded.Invalid<>("unreadable: " + e);
    }
    if (decoded instanceof Decoded.Valid<Event> valid) {
      return Incoming.readable(valid.value());
    }
    String reason = ((Decoded.Invalid<Event>) decoded).reason();
    return Incoming.unreadable(
        new DeadLetter(topic, partition, offset, text(key), text(value), reason, CONSUMER, now));
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }
}
