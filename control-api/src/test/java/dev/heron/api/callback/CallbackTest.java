package dev.heron.api.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.TestDb;
import dev.heron.api.TopicReader;
import dev.heron.api.reads.ReadsTestSupport;
import dev.heron.api.reads.SentMessage;
import dev.heron.api.webhook.WebhookSignature;
import dev.heron.events.BounceClass;
import dev.heron.events.Decoded;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class CallbackTest extends ReadsTestSupport {
  @Serdeable
  record Outcome(int recorded, int ignored, int unknown) {}

  private static final String APP_SECRET = "whatsapp-app-secret-1";
  private static final String AUTH_TOKEN = "twilio-auth-token-1";
  private static final String BOUNCE_SECRET = "bounce-secret-123456";

  private void configure(SentMessage m) {
    call(
        HttpRequest.PUT(
            "/api/callbacks/whatsapp", Map.of("secret", APP_SECRET, "verifyToken", "verify-me")),
        m.apiKey(),
        Map.class);
    call(
        HttpRequest.PUT("/api/callbacks/twilio", Map.of("secret", AUTH_TOKEN)),
        m.apiKey(),
        Map.class);
    call(
        HttpRequest.PUT("/api/callbacks/bounces", Map.of("secret", BOUNCE_SECRET)),
        m.apiKey(),
        Map.class);
  }

  private static String whatsAppSignature(String body) {
    return "sha256="
        + HexFormat.of().formatHex(Hmac.sha256(APP_SECRET, body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String statuses(String... statuses) {
    return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"WABA\",\"changes\":[{"
        + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
        + "\"metadata\":{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"123\"},"
        + "\"statuses\":["
        + String.join(",", statuses)
        + "]}}]}]}";
  }

  @Test
  void whatsAppHandshakeAndSignedStatusesBecomeEvents() {
    SentMessage m = sentMessage();
    configure(m);
    TestDb.update(
        "INSERT INTO provider_messages (provider, provider_message_id, message_id, tenant_id)"
            + " VALUES ('whatsapp', ?, ?, ?)",
        "wamid.A" + m.messageId(),
        m.messageId(),
        m.tenantId());
    String base = "/callbacks/whatsapp/" + m.tenantId();

    String challenge =
        http()
            .retrieve(
                HttpRequest.GET(
                    base
                        + "?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444"));
    assertThat(challenge).isEqualTo("1158201444");
    assertThat(
            refusal(
                    HttpRequest.GET(
                        base + "?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1"))
                .status())
        .isEqualTo(403);

    long at = Instant.now().getEpochSecond();
    String body =
        statuses(
            "{\"id\":\"wamid.A"
                + m.messageId()
                + "\",\"status\":\"delivered\",\"timestamp\":\""
                + at
                + "\",\"recipient_id\":\"15551234567\"}",
            "{\"id\":\"wamid.other\",\"status\":\"read\",\"timestamp\":\""
                + at
                + "\",\"biz_opaque_callback_data\":\""
                + m.messageId()
                + "\"}",
            "{\"id\":\"wamid.A"
                + m.messageId()
                + "\",\"status\":\"sent\",\"timestamp\":\""
                + at
                + "\"}");

    try (TopicReader topic = new TopicReader(Topics.EVENTS)) {
      Outcome outcome =
          http()
              .retrieve(
                  HttpRequest.POST(base, body)
                      .contentType(MediaType.APPLICATION_JSON_TYPE)
                      .header("X-Hub-Signature-256", whatsAppSignature(body)),
                  Outcome.class);
      assertThat(outcome).isEqualTo(new Outcome(2, 1, 0));
      List<Event> events = eventsOf(topic, m.messageId(), 2);
      assertThat(events)
          .extracting(Event::type)
          .containsExactlyInAnyOrder(EventType.DELIVERED, EventType.OPENED);
      assertThat(events)
          .allSatisfy(
              e -> {
                assertThat(e.tenantId()).isEqualTo(m.tenantId());
                assertThat(e.campaignId()).isEqualTo(m.campaignId());
                assertThat(e.occurredAt()).isEqualTo(Instant.ofEpochSecond(at));
              });
    }

    assertThat(
            refusal(
                    HttpRequest.POST(base, body)
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .header("X-Hub-Signature-256", "sha256=00ff"))
                .status())
        .isEqualTo(401);

    String unreadable = statuses("{\"status\":\"delivered\",\"timestamp\":\"" + at + "\"}");
    Refusal bad =
        refusal(
            HttpRequest.POST(base, unreadable)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Hub-Signature-256", whatsAppSignature(unreadable)));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().field()).isEqualTo("entry[0].changes[0].value.statuses[0].id");
    assertThat(
            TestDb.count(
                "SELECT count(*) FROM unparsed_reports WHERE tenant_id = ? AND kind = 'whatsapp-callback'",
                m.tenantId()))
        .isEqualTo(1);
  }

  @Test
  void twilioCallbacksAreCheckedWithTwiliosSignatureAlgorithm() {
    SentMessage m = sentMessage();
    configure(m);
    String path = "/callbacks/twilio/" + m.tenantId() + "?messageId=" + m.messageId();
    String form =
        "MessageSid=SM123&MessageStatus=undelivered&ErrorCode=30003&To=%2B15551234567&AccountSid=AC1";
    Map<String, List<String>> params = TwilioCallbacks.form(form);
    String signature =
        TwilioCallbacks.signature(AUTH_TOKEN, Settings.get(Settings.PUBLIC_URL) + path, params);

    try (TopicReader topic = new TopicReader(Topics.EVENTS)) {
      Outcome outcome =
          http()
              .retrieve(
                  HttpRequest.POST(path, form)
                      .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                      .header("X-Twilio-Signature", signature),
                  Outcome.class);
      assertThat(outcome).isEqualTo(new Outcome(1, 0, 0));
      assertThat(eventsOf(topic, m.messageId(), 1))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type()).isEqualTo(EventType.FAILED);
                assertThat(e.reason()).contains("undelivered", "30003");
              });
    }
    Refusal forged =
        refusal(
            HttpRequest.POST(path, form.replace("undelivered", "delivered"))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .header("X-Twilio-Signature", signature));
    assertThat(forged.status()).isEqualTo(401);
    assertThat(forged.body().field()).isEqualTo("X-Twilio-Signature");
  }

  @Test
  void signedBounceReportsBecomeBouncesAndUnreadableOnesNameTheField() {
    SentMessage m = sentMessage();
    SentMessage stranger = sentMessage();
    configure(m);
    String path = "/callbacks/bounces/" + m.tenantId();
    String body =
        "[{\"type\":\"bounce\",\"messageId\":\""
            + m.messageId()
            + "\",\"bounceClass\":\"hard\","
            + "\"smtpCode\":550,\"enhancedStatus\":\"5.1.1\","
            + "\"diagnostic\":\"550 5.1.1 <ana@gmail.test>: user unknown\"},"
            + "{\"type\":\"complaint\",\"messageId\":\""
            + stranger.messageId()
            + "\"}]";
    try (TopicReader topic = new TopicReader(Topics.EVENTS)) {
      Outcome outcome = http().retrieve(signed(path, body), Outcome.class);
      // The other tenant's message is not this tenant's to report on.
      assertThat(outcome).isEqualTo(new Outcome(1, 0, 1));
      assertThat(eventsOf(topic, m.messageId(), 1))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type()).isEqualTo(EventType.BOUNCED);
                assertThat(e.bounceClass()).isEqualTo(BounceClass.HARD);
                assertThat(e.smtpCode()).isEqualTo(550);
                assertThat(e.enhancedStatus()).isEqualTo("5.1.1");
                assertThat(e.smtpResponse()).isEqualTo("550 5.1.1 <ana@gmail.test>: user unknown");
              });
    }
    Refusal noClass =
        refusal(signed(path, "{\"type\":\"bounce\",\"messageId\":\"" + m.messageId() + "\"}"));
    assertThat(noClass.status()).isEqualTo(400);
    assertThat(noClass.body().field()).isEqualTo("bounceClass");

    Refusal unsigned =
        refusal(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE));
    assertThat(unsigned.status()).isEqualTo(401);
  }

  private static io.micronaut.http.MutableHttpRequest<String> signed(String path, String body) {
    return HttpRequest.POST(path, body)
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .header(
            WebhookSignature.HEADER,
            WebhookSignature.sign(
                BOUNCE_SECRET, Instant.now(), body.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Event> eventsOf(TopicReader topic, UUID messageId, int expected) {
    return topic
        .await(
            r -> messageId.toString().equals(r.key()),
            expected,
            TopicReader.PATIENCE,
            Duration.ofMillis(500))
        .stream()
        .map(r -> ((Decoded.Valid<Event>) WireCodec.EVENTS.decode(r.value())).value())
        .toList();
  }
}
