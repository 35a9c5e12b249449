package dev.heron.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.reads.ReadsTestSupport;
import dev.heron.api.reads.SentMessage;
import dev.heron.events.Decoded;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Topics;
import dev.heron.events.TrackingLinks;
import dev.heron.events.WireCodec;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class TrackingTest extends ReadsTestSupport {
  private static final String PERSON = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Firefox/128.0";
  private static final String PREFETCH =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)";

  @Inject EmbeddedServer server;
  private final TrackingLinks links = TrackingLinks.fromSettings();
  private HttpClient noRedirects;

  @BeforeAll
  void client() {
    DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
    config.setFollowRedirects(false);
    noRedirects = HttpClient.create(server.getURL(), config);
  }

  @AfterAll
  void closeClient() {
    noRedirects.close();
  }

  /** A sent message (its recipient row and the senders' claim) with its one recorded link. */
  private SentMessage trackedMessage() {
    SentMessage sent = sentMessage();
    TestDb.update(
        "INSERT INTO message_links (message_id, link_index, url) VALUES (?, 0, 'https://shop.heron.test/a?x=1')",
        sent.messageId());
    return sent;
  }

  @Test
  void thePixelIsAlwaysServedAndAnOpenIsPublishedWithTheMessagesContext() {
    SentMessage sent = trackedMessage();
    String pixel =
        links.openUrl(sent.messageId()).substring(links.openUrl(sent.messageId()).indexOf("/t/o/"));
    try (TopicReader events = new TopicReader(Topics.EVENTS)) {
      HttpResponse<byte[]> person =
          http().exchange(HttpRequest.GET(pixel).header("User-Agent", PERSON), byte[].class);
      HttpResponse<byte[]> proxy =
          http().exchange(HttpRequest.GET(pixel).header("User-Agent", PREFETCH), byte[].class);
      HttpResponse<byte[]> forged =
          http().exchange(HttpRequest.GET("/t/o/not-a-token.gif"), byte[].class);

      for (HttpResponse<byte[]> response : List.of(person, proxy, forged)) {
        assertThat(response.code()).isEqualTo(200);
        assertThat(response.getContentType()).contains(MediaType.of("image/gif"));
        assertThat(response.body()).startsWith('G', 'I', 'F');
      }
      List<Event> opens = eventsOf(events, sent.messageId(), 2);
      assertThat(opens).extracting(Event::type).containsOnly(EventType.OPENED);
      assertThat(opens).extracting(Event::machineOpen).containsExactlyInAnyOrder(false, true);
      Event open = opens.get(0);
      assertThat(open.tenantId()).isEqualTo(sent.tenantId());
      assertThat(open.campaignId()).isEqualTo(sent.campaignId());
      assertThat(open.recipientId()).isEqualTo(sent.recipientId());
      assertThat(open.contactId()).isEqualTo(sent.contactId());
      assertThat(open.variant()).isEqualTo("A");
      assertThat(open.sendingIp()).isEqualTo("127.0.0.3");
      assertThat(open.provider()).isEqualTo("gmail");
      assertThat(open.senderIdentity()).isEqualTo("news.heron.test");
      assertThat(open.source()).isEqualTo("control-api");
    }
  }

  @Test
  void aClickRedirectsOnlyToTheRecordedUrl() {
    SentMessage sent = trackedMessage();
    BlockingHttpClient client = noRedirects.toBlocking();
    try (TopicReader events = new TopicReader(Topics.EVENTS)) {
      HttpResponse<String> click =
          client.exchange(HttpRequest.GET(path(links.clickUrl(sent.messageId(), 0))), String.class);
      assertThat(click.code()).isEqualTo(302);
      assertThat(click.header("Location")).isEqualTo("https://shop.heron.test/a?x=1");

      List<Event> clicks = eventsOf(events, sent.messageId(), 1);
      assertThat(clicks)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type()).isEqualTo(EventType.CLICKED);
                assertThat(e.url()).isEqualTo("https://shop.heron.test/a?x=1");
              });
    }
    // A link index the message does not have, another message's token, a forged token: 404.
    assertThat(refusal(HttpRequest.GET(path(links.clickUrl(sent.messageId(), 1)))).status())
        .isEqualTo(404);
    assertThat(refusal(HttpRequest.GET(path(links.clickUrl(UUID.randomUUID(), 0)))).status())
        .isEqualTo(404);
    String forged = new TrackingLinks("http://x", "another-secret").clickUrl(sent.messageId(), 0);
    assertThat(refusal(HttpRequest.GET(path(forged))).status()).isEqualTo(404);
    // An open token is not a click token.
    String openToken = links.token(TrackingLinks.Kind.OPEN, sent.messageId(), 0);
    assertThat(refusal(HttpRequest.GET("/t/c/" + openToken)).status()).isEqualTo(404);
  }

  @Test
  void oneClickUnsubscribeSuppressesOptsOutAndEmitsOneEvent() {
    SentMessage sent = trackedMessage();
    String unsubscribe = path(links.unsubscribeUrl(sent.messageId()));

    HttpResponse<String> page = http().exchange(HttpRequest.GET(unsubscribe), String.class);
    assertThat(page.code()).isEqualTo(200);
    assertThat(page.body()).contains("<form method=\"post\"", "List-Unsubscribe", "One-Click");

    Refusal noBody =
        refusal(HttpRequest.POST(unsubscribe, "hello").contentType(MediaType.TEXT_PLAIN_TYPE));
    assertThat(noBody.status()).isEqualTo(400);

    try (TopicReader events = new TopicReader(Topics.EVENTS)) {
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> done =
            http()
                .exchange(
                    HttpRequest.POST(unsubscribe, "List-Unsubscribe=One-Click")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE),
                    String.class);
        assertThat(done.code()).isEqualTo(200);
        assertThat(done.getHeaders().get("Location")).isNull();
        assertThat(done.getHeaders().get("Set-Cookie")).isNull();
      }
      List<Event> unsubscribed = eventsOf(events, sent.messageId(), 1);
      assertThat(unsubscribed)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.type()).isEqualTo(EventType.UNSUBSCRIBED);
                assertThat(e.contactId()).isEqualTo(sent.contactId());
              });
    }
    assertThat(
            TestDb.rows(
                "SELECT reason FROM suppression_list WHERE tenant_id = ? AND channel = 'email' AND address = ?",
                sent.tenantId(),
                sent.address()))
        .containsExactly(Map.of("reason", "unsubscribe"));
    assertThat(TestDb.rows("SELECT opted_out FROM contacts WHERE id = ?", sent.contactId()))
        .containsExactly(Map.of("opted_out", true));

    assertThat(
            refusal(
                    HttpRequest.POST("/t/u/forged", "List-Unsubscribe=One-Click")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE))
                .status())
        .isEqualTo(404);
  }

  /** The events about one message that arrive on the topic, expecting {@code expected}. */
  private static List<Event> eventsOf(TopicReader events, UUID messageId, int expected) {
    return events
        .await(
            r -> messageId.toString().equals(r.key()),
            expected,
            TopicReader.PATIENCE,
            Duration.ofMillis(700))
        .stream()
        .map(r -> ((Decoded.Valid<Event>) WireCodec.EVENTS.decode(r.value())).value())
        .toList();
  }

  private static String path(String url) {
    return url.substring(url.indexOf("/t/"));
  }
}
