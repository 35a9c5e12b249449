package dev.heron.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.heron.api.ApiTestSupport;
import dev.heron.api.TopicReader;
import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class WebhookTest extends ApiTestSupport {
  @Serdeable
  record View(UUID id, String url, List<String> eventTypes, boolean active, String secret) {}

  @Serdeable
  record Delivery(
      long id,
      UUID eventId,
      String eventType,
      String status,
      int attempts,
      Integer lastStatusCode,
      String lastError) {}

  @Serdeable
  record Deliveries(List<Delivery> items, int limit, int offset) {}

  /** What the receiver was sent. */
  record Received(Map<String, String> headers, byte[] body, int answered) {}

  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = super.getProperties();
    properties.put("heron.webhooks.first-delay", "200ms");
    properties.put("heron.webhooks.jitter", "0");
    properties.put("heron.webhooks.max-attempts", "4");
    return properties;
  }

  @BeforeAll
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
          Map<String, String> headers = new java.util.HashMap<>();
          exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
          received.add(new Received(headers, body, status));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    receiver.start();
  }

  @AfterAll
  void stopReceiver() {
    receiver.stop(0);
  }

  private String hookUrl() {
    return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
  }

  @Test
  void aMatchingEventIsPostedSignedAndRetriedUntilTheReceiverTakesIt() throws Exception {
    CreatedTenant tenant = newTenant();
    View hook =
        call(
            HttpRequest.POST(
                "/api/webhooks", Map.of("url", hookUrl(), "eventTypes", List.of("opened"))),
            tenant.apiKey(),
            View.class);
    assertThat(hook.secret()).startsWith("whsec_");
    assertThat(hook.eventTypes()).containsExactly("OPENED");
    failuresLeft.set(2);
    received.clear();

    Event opened = event(tenant.tenant().id(), EventType.OPENED);
    Event clicked = event(tenant.tenant().id(), EventType.CLICKED);
    publish(clicked, opened);

    Instant giveUp = Instant.now().plus(TopicReader.PATIENCE);
    while (received.stream().noneMatch(r -> r.answered() == 204)
        && Instant.now().isBefore(giveUp)) {
      Thread.sleep(100);
    }
    assertThat(received).hasSize(3);
    assertThat(received).extracting(Received::answered).containsExactly(500, 500, 204);
    for (Received r : received) {
      assertThat(r.headers()).containsEntry("heron-event-id", opened.eventId().toString());
      assertThat(r.headers()).containsEntry("heron-event-type", "OPENED");
      assertThat(
              WebhookSignature.verify(
                  hook.secret(), r.headers().get("heron-signature"), r.body(), Instant.now()))
          .isTrue();
      assertThat(new String(r.body(), StandardCharsets.UTF_8))
          .isEqualTo(new String(WireCodec.EVENTS.encode(opened), StandardCharsets.UTF_8));
    }

    Deliveries log =
        call(
            HttpRequest.GET("/api/webhooks/" + hook.id() + "/deliveries"),
            tenant.apiKey(),
            Deliveries.class);
    assertThat(log.items())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.eventId()).isEqualTo(opened.eventId());
              assertThat(d.status()).isEqualTo("delivered");
              assertThat(d.attempts()).isEqualTo(3);
              assertThat(d.lastStatusCode()).isEqualTo(204);
            });
  }

  @Test
  void aReceiverThatNeverAnswersWellEndsFailedAfterTheLastAttempt() throws Exception {
    CreatedTenant tenant = newTenant();
    View hook =
        call(
            HttpRequest.POST(
                "/api/webhooks", Map.of("url", hookUrl(), "secret", "a-secret-of-my-own")),
            tenant.apiKey(),
            View.class);
    failuresLeft.set(1_000);
    Event bounced = event(tenant.tenant().id(), EventType.DELIVERED);
    publish(bounced);
    Instant giveUp = Instant.now().plus(TopicReader.PATIENCE);
    Deliveries log;
    do {
      Thread.sleep(200);
      log =
          call(
              HttpRequest.GET("/api/webhooks/" + hook.id() + "/deliveries"),
              tenant.apiKey(),
              Deliveries.class);
    } while ((log.items().isEmpty() || !log.items().get(0).status().equals("failed"))
        && Instant.now().isBefore(giveUp));
    assertThat(log.items())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.status()).isEqualTo("failed");
              assertThat(d.attempts()).isEqualTo(4);
              assertThat(d.lastStatusCode()).isEqualTo(500);
            });
    failuresLeft.set(0);
  }

  @Test
  void subscriptionsAreValidatedTenantScopedAndDeletable() {
    CreatedTenant owner = newTenant();
    CreatedTenant other = newTenant();
    Refusal badUrl =
        refusal(
            HttpRequest.POST("/api/webhooks", Map.of("url", "ftp://x.test/"))
                .bearerAuth(owner.apiKey()));
    assertThat(badUrl.status()).isEqualTo(400);
    assertThat(badUrl.body().field()).isEqualTo("url");
    Refusal badType =
        refusal(
            HttpRequest.POST(
                    "/api/webhooks",
                    Map.of("url", hookUrl(), "eventTypes", List.of("OPENED", "LOVED")))
                .bearerAuth(owner.apiKey()));
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.body().field()).isEqualTo("eventTypes[1]");

    View hook =
        call(
            HttpRequest.POST("/api/webhooks", Map.of("url", hookUrl())),
            owner.apiKey(),
            View.class);
    String path = "/api/webhooks/" + hook.id();
    assertThat(refusal(HttpRequest.GET(path).bearerAuth(other.apiKey())).status()).isEqualTo(404);
    assertThat(refusal(HttpRequest.GET(path + "/deliveries").bearerAuth(other.apiKey())).status())
        .isEqualTo(404);
    assertThat(refusal(HttpRequest.DELETE(path).bearerAuth(other.apiKey())).status())
        .isEqualTo(404);

    View listed = call(HttpRequest.GET(path), owner.apiKey(), View.class);
    assertThat(listed.secret()).isNull();
    assertThat(exchange(HttpRequest.DELETE(path), owner.apiKey(), String.class).code())
        .isEqualTo(204);
    assertThat(refusal(HttpRequest.GET(path).bearerAuth(owner.apiKey())).status()).isEqualTo(404);
  }

  @Test
  void aTenantTheFanOutHasSeenWithoutSubscriptionsGetsTheEventsOfItsNewOne() throws Exception {
    CreatedTenant tenant = newTenant();
    UUID tenantId = tenant.tenant().id();
    // The fan-out passes over this event and keeps the tenant as one with no subscription.
    Event unwatched =
        event(tenantId, EventType.OPENED).toBuilder()
            .occurredAt(Instant.now().minusSeconds(60))
            .build();
    RecordMetadata written = publish(unwatched).get(0);
    awaitFanOutPast(written);

    View hook =
        call(
            HttpRequest.POST(
                "/api/webhooks", Map.of("url", hookUrl(), "eventTypes", List.of("OPENED"))),
            tenant.apiKey(),
            View.class);
    failuresLeft.set(0);
    Event watched = event(tenantId, EventType.OPENED);
    publish(watched);

    Instant giveUp = Instant.now().plus(TopicReader.PATIENCE);
    while (receivedEvents().noneMatch(id -> id.equals(watched.eventId().toString()))
        && Instant.now().isBefore(giveUp)) {
      Thread.sleep(100);
    }
    assertThat(receivedEvents()).contains(watched.eventId().toString());
    assertThat(receivedEvents()).doesNotContain(unwatched.eventId().toString());
    Deliveries log =
        call(
            HttpRequest.GET("/api/webhooks/" + hook.id() + "/deliveries"),
            tenant.apiKey(),
            Deliveries.class);
    assertThat(log.items()).extracting(Delivery::eventId).containsExactly(watched.eventId());
  }

  private Stream<String> receivedEvents() {
    return received.stream().map(r -> r.headers().get("heron-event-id"));
  }

  /** Waits until the fan-out's group has committed past the record: it has been judged. */
  private static void awaitFanOutPast(RecordMetadata record) throws Exception {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Settings.get(Settings.KAFKA_BOOTSTRAP)))) {
      Instant giveUp = Instant.now().plus(TopicReader.PATIENCE);
      while (Instant.now().isBefore(giveUp)) {
        OffsetAndMetadata committed =
            admin
                .listConsumerGroupOffsets(WebhookFanout.GROUP)
                .partitionsToOffsetAndMetadata()
                .get()
                .get(partition);
        if (committed != null && committed.offset() > record.offset()) {
          return;
        }
        Thread.sleep(100);
      }
    }
    throw new AssertionError(
        "the fan-out did not get past " + record + " in " + TopicReader.PATIENCE);
  }

  private static Event event(UUID tenantId, EventType type) {
    Event.Builder b =
        Event.builder(type)
            .source("test")
            .tenantId(tenantId)
            .campaignId(UUID.randomUUID())
            .messageId(UUID.randomUUID())
            .channel(Channel.EMAIL)
            .occurredAt(Instant.now().plusSeconds(1));
    if (type == EventType.CLICKED) {
      b.url("https://shop.heron.test/");
    }
    return b.build();
  }

  private static List<RecordMetadata> publish(Event... events) throws Exception {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Settings.get(Settings.KAFKA_BOOTSTRAP)),
            new StringSerializer(),
            new ByteArraySerializer())) {
      List<RecordMetadata> written = new ArrayList<>();
      for (Event e : events) {
        written.add(
            producer
                .send(
                    new ProducerRecord<>(
                        Topics.EVENTS, e.messageId().toString(), WireCodec.EVENTS.encode(e)))
                .get());
      }
      return written;
    }
  }
}
