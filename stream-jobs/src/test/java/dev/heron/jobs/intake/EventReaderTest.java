package dev.heron.jobs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.DeadLetter;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.jobs.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventReaderTest {
  private final Instant now = Instant.parse("2026-03-04T10:00:00Z");

  @Test
  void aValidRecordIsReadable() {
    Event event = new TestEvents().event(EventType.DELIVERED, UUID.randomUUID(), now);

    Incoming incoming =
        EventReader.read(Topics.EVENTS, 1, 42, null, WireCodec.EVENTS.encode(event), now);

    assertThat(incoming.isReadable()).isTrue();
    assertThat(incoming.event()).isEqualTo(event);
  }

  @Test
  void aRecordMissingAFieldBecomesADeadLetterNamingIt() {
    String payload =
        "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"SENT\",\"schemaVersion\":1}";

    Incoming incoming = EventReader.read(Topics.EVENTS, 3, 7, bytes("k"), bytes(payload), now);

    assertThat(incoming.isReadable()).isFalse();
    DeadLetter letter = incoming.deadLetter();
    assertThat(letter.reason()).contains("field 'occurredAt': missing", "field 'messageId'");
    assertThat(letter)
        .extracting(
            DeadLetter::topic,
            DeadLetter::partition,
            DeadLetter::offset,
            DeadLetter::key,
            DeadLetter::payload,
            DeadLetter::consumer,
            DeadLetter::failedAt)
        .containsExactly(Topics.EVENTS, 3, 7L, "k", payload, "stream-jobs", now);
  }

  @Test
  void garbageAndEmptyRecordsBecomeDeadLetters() {
    assertThat(
            EventReader.read(Topics.EVENTS, 0, 0, null, bytes("{not json"), now)
                .deadLetter()
                .reason())
        .startsWith("not JSON");
    assertThat(EventReader.read(Topics.EVENTS, 0, 1, null, null, now).deadLetter().reason())
        .isEqualTo("empty record");
    assertThat(
            EventReader.read(Topics.EVENTS, 0, 2, null, bytes("{\"type\":\"EXPLODED\"}"), now)
                .deadLetter()
                .reason())
        .contains("field 'type'");
  }

  @Test
  void aCanonicalRecordMissingOneFieldStillHasItNamed() {
    // The fast path leaves it to the codec, which names what is missing.
    String json =
        new String(
                WireCodec.EVENTS.encode(
                    new TestEvents().event(EventType.SENT, UUID.randomUUID(), now)),
                StandardCharsets.UTF_8)
            .replace("\"channel\":\"email\",", "");

    Incoming incoming = EventReader.read(Topics.EVENTS, 0, 7, null, bytes(json), now);

    assertThat(incoming.isReadable()).isFalse();
    assertThat(incoming.deadLetter().reason()).contains("channel");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
