package dev.heron.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.WireCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventHeadingTest {
  private static final String TENANT = "6f1c2a7e-35f4-4a0b-9c1d-2e3f4a5b6c7d";

  @Test
  void readsTheTenantAndTypeOfAnEncodedEvent() {
    Event event = event(UUID.randomUUID(), EventType.OPENED);
    assertThat(EventHeading.peek(WireCodec.EVENTS.encode(event)))
        .contains(new EventHeading(event.tenantId(), EventType.OPENED));
  }

  @Property(tries = 200)
  void agreesWithTheFullDecodeOnEveryEventType(
      @ForAll EventType type, @ForAll long tenantHigh, @ForAll long tenantLow) {
    Event event = event(new UUID(tenantHigh, tenantLow), type);
    assertThat(EventHeading.peek(WireCodec.EVENTS.encode(event)))
        .contains(new EventHeading(event.tenantId(), type));
  }

  @Test
  void findsTheFieldsInAnyOrderAndOnlyAtTheTopLevel() {
    String json =
        """
        {"source":{"tenantId":"00000000-0000-0000-0000-000000000000","type":"SENT"},
         "tags":[{"type":"CLICKED"}],"type":"BOUNCED","smtpCode":550,"tenantId":"%s"}
        """
            .formatted(TENANT);
    assertThat(EventHeading.peek(bytes(json)))
        .contains(new EventHeading(UUID.fromString(TENANT), EventType.BOUNCED));
  }

  @Test
  void stopsReadingOnceItHasBothFields() {
    // What follows the two fields is never read: the full decode judges it, if it must.
    String json = "{\"type\":\"OPENED\",\"tenantId\":\"" + TENANT + "\", this is not JSON";
    assertThat(EventHeading.peek(bytes(json)))
        .contains(new EventHeading(UUID.fromString(TENANT), EventType.OPENED));
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
    assertThat(EventHeading.peek(bytes(record))).isEmpty();
  }

  @Test
  void findsNoHeadingInNothing() {
    assertThat(EventHeading.peek((byte[]) null)).isEmpty();
    assertThat(EventHeading.peek((ByteBuffer) null)).isEmpty();
    assertThat(EventHeading.peek(ByteBuffer.allocate(0))).isEmpty();
    assertThat(EventHeading.peek(new byte[0])).isEmpty();
  }

  @Property(tries = 500)
  void neverThrowsOnArbitraryBytes(@ForAll byte[] record) {
    assertThat(EventHeading.peek(record)).isNotNull();
  }

  static Event event(UUID tenantId, EventType type) {
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

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
