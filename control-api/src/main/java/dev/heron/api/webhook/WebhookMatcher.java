package dev.heron.api.webhook;

import dev.heron.events.Decoded;
import dev.heron.events.Event;
import dev.heron.events.EventHeading;
import dev.heron.events.FastEventParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The deliveries a heron.events record makes: one per live subscription of its tenant that wants
 * its type and existed when it occurred. A record is first looked at through its {@link
 * EventHeading} ({@link FastEventParser#heading}): when no subscription of the tenant takes that
 * type — the case of most events — it is passed over without being decoded. Only the others are
 * decoded in full; a record that is not a valid event makes none (the stream jobs' intake
 * dead-letters it).
 */
final class WebhookMatcher {
  /** A delivery to record: the subscription, the event and the payload to POST, as received. */
  record Pending(UUID subscriptionId, UUID eventId, String eventType, String payload) {}

  private final Function<UUID, List<WebhookSubscriptions.Subscription>> subscriptionsOfTenant;
  private final Function<byte[], Decoded<Event>> decoder;

  /**
   * @param subscriptionsOfTenant a tenant's live subscriptions (cached: asked once per record)
   * @param decoder the full decode of a record
   */
  WebhookMatcher(
      Function<UUID, List<WebhookSubscriptions.Subscription>> subscriptionsOfTenant,
      Function<byte[], Decoded<Event>> decoder) {
    this.subscriptionsOfTenant = subscriptionsOfTenant;
    this.decoder = decoder;
  }

  /**
   * The deliveries of one record's remaining bytes (a Kafka record value, read in place; null for a
   * record without one). The buffer is not moved.
   */
  List<Pending> deliveriesOf(ByteBuffer value) {
    Optional<EventHeading> heading = FastEventParser.heading(value);
    if (heading.isPresent() && nobodyTakes(heading.get())) {
      return List.of();
    }
    byte[] record = bytesOf(value);
    if (!(decoder.apply(record) instanceof Decoded.Valid<Event> valid)) {
      return List.of();
    }
    Event event = valid.value();
    String payload = new String(record, StandardCharsets.UTF_8);
    List<Pending> deliveries = new ArrayList<>(1);
    for (WebhookSubscriptions.Subscription s : subscriptionsOfTenant.apply(event.tenantId())) {
      if (s.wants(event)) {
        deliveries.add(new Pending(s.id(), event.eventId(), event.type().name(), payload));
      }
    }
    return deliveries;
  }

  private static byte[] bytesOf(ByteBuffer value) {
    if (value == null) {
      return null;
    }
    byte[] bytes = new byte[value.remaining()];
    value.duplicate().get(bytes);
    return bytes;
  }

  private boolean nobodyTakes(EventHeading heading) {
    for (WebhookSubscriptions.Subscription s : subscriptionsOfTenant.apply(heading.tenantId())) {
      if (s.takes(heading.type())) {
        return false;
      }
    }
    return true;
  }
}
