package dev.heron.api.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.TestDb;
import dev.heron.api.TopicReader;
import dev.heron.api.reads.ReadsTestSupport;
import dev.heron.api.reads.SentMessage;
import dev.heron.events.Decoded;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST /api/conversions} through the HTTP API, the database and the real broker. */
@MicronautTest(transactional = false)
class ConversionTest extends ReadsTestSupport {
  @Serdeable
  record Recorded(
      UUID eventId,
      UUID messageId,
      UUID campaignId,
      UUID contactId,
      BigDecimal value,
      Instant occurredAt,
      String orderId,
      boolean repeated) {}

  private static MutableHttpRequest<?> report(Map<String, Object> body) {
    return HttpRequest.POST("/api/conversions", body);
  }

  @Test
  void aConversionBecomesOneConvertedEventOfItsMessageAndARepeatedOrderIsNotCountedAgain() {
    SentMessage m = sentMessage();
    Instant at = Instant.parse("2026-03-04T05:06:07.123456Z");
    Map<String, Object> body =
        Map.of("messageId", m.messageId(), "value", 49.90, "occurredAt", at, "orderId", "A-1001");

    try (TopicReader topic = new TopicReader(Topics.EVENTS)) {
      HttpResponse<Recorded> first = exchange(report(body), m.apiKey(), Recorded.class);
      HttpResponse<Recorded> again = exchange(report(body), m.apiKey(), Recorded.class);

      assertThat(first.code()).isEqualTo(202);
      Recorded recorded = first.body();
      assertThat(recorded.repeated()).isFalse();
      assertThat(recorded.campaignId()).isEqualTo(m.campaignId());
      assertThat(recorded.contactId()).isEqualTo(m.contactId());
      assertThat(again.code()).isEqualTo(200);
      assertThat(again.body().repeated()).isTrue();
      assertThat(again.body().eventId()).isEqualTo(recorded.eventId());
      assertThat(again.body().value()).isEqualByComparingTo("49.90");
      assertThat(again.body().occurredAt()).isEqualTo(at);

      // By campaign and contact, no order id: a second conversion of the same message.
      HttpResponse<Recorded> byContact =
          exchange(
              report(Map.of("campaignId", m.campaignId(), "contactId", m.contactId())),
              m.apiKey(),
              Recorded.class);
      assertThat(byContact.code()).isEqualTo(202);
      assertThat(byContact.body().messageId()).isEqualTo(m.messageId());

      List<Event> events =
          topic
              .await(
                  r -> m.messageId().toString().equals(r.key()),
                  2,
                  TopicReader.PATIENCE,
                  Duration.ofSeconds(1))
              .stream()
              .map(r -> ((Decoded.Valid<Event>) WireCodec.EVENTS.decode(r.value())).value())
              .filter(e -> e.type() == EventType.CONVERTED)
              .toList();
      assertThat(events).hasSize(2);
      Event ordered =
          events.stream()
              .filter(e -> e.eventId().equals(recorded.eventId()))
              .findFirst()
              .orElseThrow();
      assertThat(ordered.value()).isEqualByComparingTo("49.90");
      assertThat(ordered.occurredAt()).isEqualTo(at);
      assertThat(ordered.tenantId()).isEqualTo(m.tenantId());
      assertThat(ordered.campaignId()).isEqualTo(m.campaignId());
      assertThat(ordered.recipientId()).isEqualTo(m.recipientId());
      assertThat(ordered.provider()).isEqualTo("gmail");
      assertThat(ordered.senderIdentity()).isEqualTo("news.heron.test");
    }
    assertThat(TestDb.rows("SELECT order_id FROM conversions WHERE message_id = ?", m.messageId()))
        .hasSize(2);
  }

  @Test
  void badReportsAreRefusedNamingTheFieldAndRecordNothing() {
    SentMessage m = sentMessage();
    SentMessage other = sentMessage();
    Map<String, Map<String, Object>> refused = new HashMap<>();
    refused.put("messageId", Map.of("messageId", other.messageId()));
    refused.put("contactId", Map.of("campaignId", m.campaignId(), "contactId", other.contactId()));
    refused.put("campaignId", Map.of("contactId", m.contactId()));
    refused.put("value", Map.of("messageId", m.messageId(), "value", -1));
    refused.put(
        "occurredAt",
        Map.of("messageId", m.messageId(), "occurredAt", Instant.now().plusSeconds(3_600)));
    refused.put("orderId", Map.of("messageId", m.messageId(), "orderId", ""));

    refused.forEach(
        (field, body) -> {
          Refusal refusal = refusal(report(body).bearerAuth(m.apiKey()));
          assertThat(refusal.status()).as(field).isEqualTo(400);
          assertThat(refusal.body().field()).as(field).endsWith(field);
        });
    assertThat(
            TestDb.rows(
                "SELECT 1 FROM conversions WHERE tenant_id IN (?, ?)",
                m.tenantId(),
                other.tenantId()))
        .isEmpty();
  }
}
