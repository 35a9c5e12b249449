package dev.heron.events;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids that sort by time. The archive's primary key starts with the event id: random ids land
 * anywhere in it, and once a day's chunk outgrows memory nearly every insert reads and dirties an
 * index page of its own, while time-ordered ids land near its end (docs/benchmarks.md: the same
 * insert into a chunk of 27 million rows took about half the time with them).
 */
public final class TimeOrderedIds {
  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();
  private static final long FIRST_48_BITS = 0xFFFF_FFFF_FFFF_0000L;
  private static final long VERSION_8 = 0x8000L;
  private static final long LOW_12_BITS = 0x0FFFL;
  private static final long VARIANT_BITS = 0xC000_0000_0000_0000L;
  private static final long RFC_VARIANT = 0x8000_0000_0000_0000L;

  private TimeOrderedIds() {}

  /** A new id: a UUIDv7 (RFC 9562), the current millisecond followed by random bits. */
  public static UUID next() {
    return GENERATOR.generate();
  }

  /**
   * The id of a fact about a message, the same every time it is asked for, so that a fact emitted
   * twice is one event: the message id's first 48 bits (for a UUIDv7 message id, as the planner
   * makes them, the millisecond it was planned) followed by bits of the MD5 of the message id and
   * the name, as a UUIDv8 (RFC 9562's layout for ids of one's own design). The events of a message
   * sort beside each other, after those of messages planned before it.
   */
  public static UUID about(UUID messageId, String name) {
    UUID hashed = UUID.nameUUIDFromBytes((messageId + ":" + name).getBytes(StandardCharsets.UTF_8));
    long high =
        (messageId.getMostSignificantBits() & FIRST_48_BITS)
            | VERSION_8
            | (hashed.getMostSignificantBits() & LOW_12_BITS);
    long low = (hashed.getLeastSignificantBits() & ~VARIANT_BITS) | RFC_VARIANT;
    return new UUID(high, low);
  }
}
