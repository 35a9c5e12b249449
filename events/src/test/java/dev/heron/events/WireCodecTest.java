package dev.heron.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WireCodecTest {
  private static final SendRequest REQUEST =
      new SendRequest(
          SendRequest.SCHEMA_VERSION,
          Instant.parse("2026-11-23T10:15:30Z"),
          UUID.randomUUID(),
          UUID.randomUUID(),
          UUID.randomUUID(),
          UUID.randomUUID(),
          UUID.randomUUID(),
          Channel.EMAIL,
          MessageClass.MARKETING,
          "B",
          "ana@gmail.test",
          "news.heron.test",
          "News <news@news.heron.test>",
          UUID.randomUUID(),
          3,
          Map.of("firstName", "Ana"));

  @Test
  void bouncedEventRoundTripsWithEveryField() {
    Event bounced =
        Event.about(REQUEST, EventType.BOUNCED)
            .source("senders")
            .sendingIp("127.0.0.2")
            .provider("gmail")
            .bounceClass(BounceClass.HARD)
            .smtpReply(
                550, "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist")
            .build();

    Decoded<Event> decoded = WireCodec.EVENTS.decode(WireCodec.EVENTS.encode(bounced));

    assertThat(decoded).isEqualTo(new Decoded.Valid<>(bounced));
  }

  @Test
  void conversionValueAndWireNamesAreWrittenAsDocumented() {
    Event converted =
        Event.about(REQUEST, EventType.CONVERTED).value(new BigDecimal("49.90")).build();

    String json = new String(WireCodec.EVENTS.encode(converted), StandardCharsets.UTF_8);

    assertThat(json)
        .contains("\"type\":\"CONVERTED\"", "\"channel\":\"email\"", "\"value\":49.90")
        .contains("\"occurredAt\":\"" + converted.occurredAt() + "\"")
        .doesNotContain("bounceClass", "smtpCode");
    assertThat(WireCodec.EVENTS.decode(json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new Decoded.Valid<>(converted));
  }

  @Test
  void sendRequestRoundTrips() {
    assertThat(WireCodec.SENDS.decode(WireCodec.SENDS.encode(REQUEST)))
        .isEqualTo(new Decoded.Valid<>(REQUEST));
  }

  @Test
  void unknownFieldsFromANewerWriterAreIgnored() {
    Event opened = Event.about(REQUEST, EventType.OPENED).machineOpen(true).build();
    String json = Json.writeString(opened).replaceFirst("\\{", "{\"futureField\":{\"x\":1},");

    Decoded<Event> decoded = WireCodec.EVENTS.decode(json.getBytes(StandardCharsets.UTF_8));

    assertThat(decoded).isEqualTo(new Decoded.Valid<>(opened));
  }

  @Test
  void missingEnvelopeFieldsAreNamed() {
    String json = "{\"type\":\"DELIVERED\",\"schemaVersion\":1,\"channel\":\"email\"}";

    assertThat(reason(WireCodec.EVENTS, json))
        .contains(
            "field 'eventId': missing",
            "field 'occurredAt': missing",
            "field 'tenantId': missing",
            "field 'messageId': missing");
  }

  @Test
  void typeSpecificFieldsAreRequired() {
    Event bounced = Event.about(REQUEST, EventType.BOUNCED).build();

    assertThat(reason(WireCodec.EVENTS, Json.writeString(bounced)))
        .isEqualTo("field 'bounceClass': missing");
  }

  @Test
  void badValuesNameTheField() {
    Event sent = Event.about(REQUEST, EventType.SENT).build();
    String badTime =
        Json.writeString(sent).replace(sent.occurredAt().toString(), "yesterday at noon");
    String badChannel = Json.writeString(sent).replace("\"email\"", "\"pigeon\"");

    assertThat(reason(WireCodec.EVENTS, badTime)).startsWith("field 'occurredAt'");
    assertThat(reason(WireCodec.EVENTS, badChannel))
        .startsWith("field 'channel'")
        .contains("pigeon");
    assertThat(reason(WireCodec.EVENTS, "{not json")).startsWith("not JSON");
    assertThat(reason(WireCodec.EVENTS, "")).isEqualTo("empty record");
  }

  @Test
  void sendRequestWithoutAddressIsInvalid() {
    String json = Json.writeString(REQUEST).replace("\"ana@gmail.test\"", "\"  \"");

    assertThat(reason(WireCodec.SENDS, json)).isEqualTo("field 'address': must not be blank");
  }

  private static <T> String reason(WireCodec<T> codec, String json) {
    Decoded<T> decoded = codec.decode(json.getBytes(StandardCharsets.UTF_8));
    assertThat(decoded).isInstanceOf(Decoded.Invalid.class);
    return ((Decoded.Invalid<T>) decoded).reason();
  }
}
