package dev.heron.jobs.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Decoded;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.WireCodec;
import dev.heron.jobs.TestEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FastEventParserTest {
  private final TestEvents events = new TestEvents();
  private final Instant at = Instant.parse("2026-03-04T10:15:30.123456Z");

  @ParameterizedTest
  @EnumSource(EventType.class)
  void readsWhatTheCodecWritesAsTheCodecReadsIt(EventType type) {
    Event event =
        events
            .of(type, UUID.randomUUID(), at)
            .machineOpen(type == EventType.OPENED ? Boolean.TRUE : null)
            .value(type == EventType.CONVERTED ? new BigDecimal("12.50") : null)
            .reason(type == EventType.DROPPED ? "suppressed\tby \"policy\"" : null)
            .build();
    byte[] wire = WireCodec.EVENTS.encode(event);

    Event fast = FastEventParser.parse(wire);

    assertThat(fast).isEqualTo(event).isEqualTo(valid(wire));
  }

  @Test
  void ignoresFieldsAddedSince() {
    String json =
        new String(WireCodec.EVENTS.encode(events.event(EventType.SENT, UUID.randomUUID(), at)))
            .replaceFirst("\\{", "{\"addedLater\":{\"nested\":[1,2,{\"x\":null}]},");

    assertThat(FastEventParser.parse(bytes(json))).isEqualTo(valid(bytes(json)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "[]",
        "{\"eventId\":",
        "{}",
        "{\"type\":\"SENT\",\"schemaVersion\":\"1\"}",
      })
  void leavesAnythingElseToTheCodec(String json) {
    assertThat(FastEventParser.parse(bytes(json))).isNull();
  }

  @Test
  void leavesCoercionsAndMissingFieldsToTheCodec() {
    Event sent = events.event(EventType.SENT, UUID.randomUUID(), at);
    String json = new String(WireCodec.EVENTS.encode(sent), StandardCharsets.UTF_8);

    assertThat(
            FastEventParser.parse(
                bytes(json.replace("\"schemaVersion\":1", "\"schemaVersion\":\"1\""))))
        .isNull();
    assertThat(FastEventParser.parse(bytes(json.replace("\"channel\":\"email\",", "")))).isNull();
    assertThat(
            FastEventParser.parse(bytes(json.replace("\"type\":\"SENT\"", "\"type\":\"SENDING\""))))
        .isNull();
    assertThat(FastEventParser.parse(bytes(json + "{}"))).isNull();
  }

  @Test
  void theReaderStillNamesTheFieldOfAnUnreadableRecord() {
    String json =
        new String(
                WireCodec.EVENTS.encode(events.event(EventType.SENT, UUID.randomUUID(), at)),
                StandardCharsets.UTF_8)
            .replace("\"channel\":\"email\",", "");

    Incoming incoming = EventReader.read("heron.events", 0, 7, null, bytes(json), Instant.now());

    assertThat(incoming.isReadable()).isFalse();
    assertThat(incoming.deadLetter().reason()).contains("channel");
  }

  private static Event valid(byte[] wire) {
    return ((Decoded.Valid<Event>) WireCodec.EVENTS.decode(wire)).value();
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
