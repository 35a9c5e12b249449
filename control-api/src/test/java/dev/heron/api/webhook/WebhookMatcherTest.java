package dev.heron.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.heron.events.Channel;
import dev.heron.events.Decoded;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.FastEventParser;
import dev.heron.events.WireCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WebhookMatcherTest {
  private static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

  /** Tenants' subscriptions as the cache would hand them out; tests add to them as they go. */
  private final Map<UUID, List<WebhookSubscriptions.Subscription>> subscriptions = new HashMap<>();

  private final AtomicInteger decoded = new AtomicInteger();
  private final WebhookMatcher matcher =
      new WebhookMatcher(
          tenant -> subscriptions.getOrDefault(tenant, List.of()),
          record -> {
            decoded.incrementAndGet();
            return WireCodec.EVENTS.decode(record);
          });

  @Test
  void theEventOfATenantWithoutSubscriptionsIsPassedOverUndecoded() {
    byte[] record = encode(event(UUID.randomUUID(), EventType.OPENED));
    assertThat(deliveriesOf(record)).isEmpty();
    assertThat(decoded).hasValue(0);
  }

  @Test
  void anEventOfATypeNoSubscriptionNamesIsPassedOverUndecoded() {
    UUID tenant = UUID.randomUUID();
    subscribe(tenant, LONG_AGO, "CLICKED", "BOUNCED");
    assertThat(deliveriesOf(encode(event(tenant, EventType.OPENED)))).isEmpty();
    assertThat(decoded).hasValue(0);
  }

  @Test
  void aSubscribedTenantAndTypeGetsTheEventAsReceived() {
    UUID tenant = UUID.randomUUID();
    UUID clicks = subscribe(tenant, LONG_AGO, "CLICKED");
    UUID everything = subscribe(tenant, LONG_AGO);
    subscribe(tenant, LONG_AGO, "OPENED");
    Event clicked = event(tenant, EventType.CLICKED);
    byte[] record = encode(clicked);

    assertThat(deliveriesOf(record))
        .containsExactly(
            new WebhookMatcher.Pending(
                clicks, clicked.eventId(), "CLICKED", new String(record, StandardCharsets.UTF_8)),
            new WebhookMatcher.Pending(
                everything,
                clicked.eventId(),
                "CLICKED",
                new String(record, StandardCharsets.UTF_8)));
    assertThat(decoded).hasValue(1);
  }

  @Test
  void anEventThatOccurredBeforeTheSubscriptionWasCreatedIsNotDelivered() {
    UUID tenant = UUID.randomUUID();
    Event opened = event(tenant, EventType.OPENED);
    subscribe(tenant, opened.occurredAt().plusMillis(1), "OPENED");
    assertThat(deliveriesOf(encode(opened))).isEmpty();
  }

  @Test
  void aSubscriptionAddedLaterTakesTheEventsThatFollow() {
    UUID tenant = UUID.randomUUID();
    assertThat(deliveriesOf(encode(event(tenant, EventType.OPENED)))).isEmpty();

    UUID hook = subscribe(tenant, LONG_AGO, "OPENED");
    Event next = event(tenant, EventType.OPENED);
    assertThat(deliveriesOf(encode(next)))
        .extracting(WebhookMatcher.Pending::subscriptionId, WebhookMatcher.Pending::eventId)
        .containsExactly(tuple(hook, next.eventId()));
  }

  @Test
  void recordsThatAreNotValidEventsMakeNoDeliveryAndDoNotThrow() {
    UUID tenant = UUID.randomUUID();
    subscribe(tenant, LONG_AGO);
    String heading = "{\"type\":\"OPENED\",\"tenantId\":\"" + tenant + "\"";
    List<byte[]> records = new ArrayList<>();
    records.add(null);
    records.add(new byte[0]);
    records.add(new byte[] {(byte) 0xff, 0, 1, 2});
    records.add(bytes("{"));
    records.add(bytes("[1,2]"));
    records.add(bytes(heading + ", this is not JSON"));
    records.add(bytes(heading + "}")); // the subscribed tenant's heading, no event id or channel
    for (byte[] record : records) {
      assertThat(deliveriesOf(record)).isEmpty();
    }
    // The two with the subscribed tenant's heading had to be decoded to be judged.
    assertThat(decoded).hasValueGreaterThanOrEqualTo(2);
  }

  @Test
  void aRecordWithoutAHeadingIsJudgedByTheFullDecode() {
    UUID tenant = UUID.randomUUID();
    UUID hook = subscribe(tenant, LONG_AGO);
    Event opened = event(tenant, EventType.OPENED);
    // The same event, its tenant written in the other form the full decode reads (base64 bytes).
    ByteBuffer raw = ByteBuffer.allocate(16);
    raw.putLong(tenant.getMostSignificantBits()).putLong(tenant.getLeastSignificantBits());
    String base64 = Base64.getEncoder().encodeToString(raw.array());
    String json =
        new String(encode(opened), StandardCharsets.UTF_8)
            .replace("\"" + tenant + "\"", "\"" + base64 + "\"");
    assertThat(FastEventParser.heading(bytes(json))).isEmpty();
    assertThat(deliveriesOf(bytes(json)))
        .extracting(WebhookMatcher.Pending::subscriptionId)
        .containsExactly(hook);
  }

  @Test
  void readsARecordInPlaceWithinTheFetchBufferItCameIn() {
    UUID tenant = UUID.randomUUID();
    UUID hook = subscribe(tenant, LONG_AGO, "OPENED");
    byte[] record = encode(event(tenant, EventType.OPENED));
    byte[] before = bytes("{\"type\":\"SENT\",\"tenantId\":\"" + UUID.randomUUID() + "\"}");
    ByteBuffer fetch = ByteBuffer.allocate(before.length + record.length + 3);
    fetch.put(before).put(record).put(bytes("}}}"));
    ByteBuffer value = fetch.position(before.length).limit(before.length + record.length).slice();

    assertThat(matcher.deliveriesOf(value))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.subscriptionId()).isEqualTo(hook);
              assertThat(d.payload()).isEqualTo(new String(record, StandardCharsets.UTF_8));
            });
    assertThat(value.position()).isZero();
    assertThat(value.remaining()).isEqualTo(record.length);
  }

  private List<WebhookMatcher.Pending> deliveriesOf(byte[] record) {
    return matcher.deliveriesOf(record == null ? null : ByteBuffer.wrap(record));
  }

  private UUID subscribe(UUID tenant, Instant createdAt, String... types) {
    UUID id = UUID.randomUUID();
    subscriptions
        .computeIfAbsent(tenant, t -> new ArrayList<>())
        .add(new WebhookSubscriptions.Subscription(id, List.of(types), createdAt));
    return id;
  }

  private static byte[] encode(Event event) {
    byte[] record = WireCodec.EVENTS.encode(event);
    assertThat(WireCodec.EVENTS.decode(record)).isInstanceOf(Decoded.Valid.class);
    return record;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

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
}
