package dev.heron.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming reads agree with the full decode wherever they answer, and leave everything else to
 * it: the whole event ({@link FastEventParser#parse}) and its heading ({@link
 * FastEventParser#heading}).
 */
class FastEventParserTest {
  private static final String TENANT = "6f1c2a7e-35f4-4a0b-9c1d-2e3f4a5b6c7d";
  private final Instant at = Instant.parse("2026-03-04T10:15:30.123456Z");

  @ParameterizedTest
  @EnumSource(EventType.class)
  void readsWhatTheCodecWritesAsTheCodecReadsIt(EventType type) {
    Event event =
        full(type, UUID.randomUUID())
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
        text(WireCodec.EVENTS.encode(full(EventType.SENT, UUID.randomUUID()).build()))
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
    String json = text(WireCodec.EVENTS.encode(full(EventType.SENT, UUID.randomUUID()).build()));

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
  void readsTheHeadingOfAnEncodedEvent() {
    Event event = event(UUID.randomUUID(), EventType.OPENED);
    assertThat(FastEventParser.heading(WireCodec.EVENTS.encode(event)))
        .contains(new EventHeading(event.tenantId(), EventType.OPENED));
  }

  @Property(tries = 200)
  void theHeadingAgreesWithTheFullDecodeOnEveryEventType(
      @ForAll EventType type, @ForAll long tenantHigh, @ForAll long tenantLow) {
    Event event = event(new UUID(tenantHigh, tenantLow), type);
    assertThat(FastEventParser.heading(WireCodec.EVENTS.encode(event)))
        .contains(new EventHeading(event.tenantId(), type));
  }

  @Test
  void findsTheHeadingFieldsInAnyOrderAndOnlyAtTheTopLevel() {
    String json =
        """
        {"source":{"tenantId":"00000000-0000-0000-0000-000000000000","type":"SENT"},
         "tags":[{"type":"CLICKED"}],"type":"BOUNCED","smtpCode":550,"tenantId":"%s"}
        """
            .formatted(TENANT);
    assertThat(FastEventParser.heading(bytes(json)))
        .contains(new EventHeading(UUID.fromString(TENANT), EventType.BOUNCED));
  }

  @Test
  void theHeadingStopsReadingOnceItHasBothFields() {
    // What follows the two fields is never read: the full decode judges it, if it must.
    String json = "{\"type\":\"OPENED\",\"tenantId\":\"" + TENANT + "\", this is not JSON";
    assertThat(FastEventParser.heading(bytes(json)))
        .contains(new EventHeading(UUID.fromString(TENANT), EventType.OPENED));
  }

  @Test
  void theHeadingIsReadInPlaceFromTheBuffersRemainingBytes() {
    byte[] event = WireCodec.EVENTS.encode(event(UUID.fromString(TENANT), EventType.CLICKED));
    ByteBuffer framed = ByteBuffer.allocate(event.length + 8);
    framed.put("garbage!".getBytes(StandardCharsets.US_ASCII)).put(event).position(8);

    assertThat(FastEventParser.heading(framed))
        .contains(new EventHeading(UUID.fromString(TENANT), EventType.CLICKED));
    assertThat(framed.position()).isEqualTo(8);
    ByteBuffer direct = ByteBuffer.allocateDirect(event.length).put(event).flip();
    assertThat(FastEventParser.heading(direct))
        .contains(new EventHeading(UUID.fromString(TENANT), EventType.CLICKED));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "null",
        "42",
        "[]",
        "\"OPENED\"",
        "{",
        "{}",
        "{\"type\":\"OPENED\"}",
        "{\"tenantId\":\"" + TENANT + "\"}",
        "{\"type\":\"OPENED\",\"tenantId\":null}",
        "{\"type\":\"OPENED\",\"tenantId\":42}",
        "{\"type\":\"OPENED\",\"tenantId\":{\"id\":\"" + TENANT + "\"}}",
        "{\"type\":6,\"tenantId\":\"" + TENANT + "\"}",
        "{\"type\":\"opened\",\"tenantId\":\"" + TENANT + "\"}",
        "{\"type\":\"LOVED\",\"tenantId\":\"" + TENANT + "\"}",
        "{\"type\":\"OPENED\",\"tenantId\":\"not-a-uuid\"}",
        "{\"type\":\"OPENED\",\"tenantId\":\"1-1-1-1-1\"}",
        "{\"type\":\"OPENED\",\"tenantId\":\"zf1c2a7e-35f4-4a0b-9c1d-2e3f4a5b6c7d\"}",
        "{\"type\":\"OPENED\" \"tenantId\":\"" + TENANT + "\"}",
        "\u0000\u0001garbage"
      })
  void findsNoHeadingWhereTheFullDecodeMightReadOtherwise(String record) {
    assertThat(FastEventParser.heading(bytes(record))).isEmpty();
  }

  @Test
  void findsNoHeadingInNothing() {
    assertThat(FastEventParser.heading((byte[]) null)).isEmpty();
    assertThat(FastEventParser.heading((ByteBuffer) null)).isEmpty();
    assertThat(FastEventParser.heading(ByteBuffer.allocate(0))).isEmpty();
    assertThat(FastEventParser.heading(new byte[0])).isEmpty();
  }

  @Property(tries = 500)
  void neverThrowsOnArbitraryBytes(@ForAll byte[] record) {
    assertThat(FastEventParser.heading(record)).isNotNull();
    FastEventParser.parse(record);
  }

  /** An event of {@code type} with every envelope field, and what its type requires. */
  private Event.Builder full(EventType type, UUID message) {
    Event.Builder builder =
        Event.builder(type)
            .occurredAt(at)
            .source("test")
            .tenantId(UUID.randomUUID())
            .campaignId(UUID.randomUUID())
            .messageId(message)
            .recipientId(UUID.randomUUID())
            .contactId(UUID.randomUUID())
            .channel(Channel.EMAIL)
            .variant("A")
            .sendingIp("127.0.0.2")
            .senderIdentity("news.example.test")
            .provider("gmail");
    return switch (type) {
      case BOUNCED ->
          builder.bounceClass(BounceClass.HARD).smtpReply(550, "5.1.1", "550 5.1.1 no such user");
      case CLICKED -> builder.url("https://example.test/offer");
      default -> builder;
    };
  }

  /** A minimal event of a tenant. */
  private static Event event(UUID tenantId, EventType type) {
    return Event.builder(type)
        .source("test")
        .tenantId(tenantId)
        .campaignId(UUID.randomUUID())
        .messageId(UUID.randomUUID())
        .channel(Channel.EMAIL)
        .occurredAt(Instant.parse("2026-11-23T12:00:00Z"))
        .url(type == EventType.CLICKED ? "https://shop.heron.test/" : null)
        .build();
  }

  private static Event valid(byte[] wire) {
    return ((Decoded.Valid<Event>) WireCodec.EVENTS.readFully(wire)).value();
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
