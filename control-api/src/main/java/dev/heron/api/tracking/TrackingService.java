package dev.heron.api.tracking;

import dev.heron.api.db.Db;
import dev.heron.api.spool.EventSpool;
import dev.heron.events.EventType;
import dev.heron.events.TrackingLinks;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the click and unsubscribe endpoints do: verify the signed token, record the fact, and spool
 * its event before answering, so that it reaches {@code heron.events} even if Kafka is away.
 */
@Singleton
public class TrackingService {
  private static final Logger LOG = LoggerFactory.getLogger(TrackingService.class);

  private final Db db;
  private final EventSpool events;
  private final TrackedMessages messages;
  private final TrackingLinks links;

  TrackingService(Db db, EventSpool events, TrackedMessages messages) {
    this.db = db.withQueries(TrackingQueries.FILE, TrackingQueries.ALL);
    this.events = events;
    this.messages = messages;
    this.links = TrackingLinks.fromSettings();
  }

  /** Where a click goes: the URL recorded for that message and link, and a CLICKED event. */
  Optional<URI> click(String token) {
    Optional<TrackingLinks.Token> verified = links.verify(token, TrackingLinks.Kind.CLICK);
    if (verified.isEmpty()) {
      return Optional.empty();
    }
    UUID messageId = verified.get().messageId();
    Optional<URI> target =
        db.transaction(
                tx ->
                    tx.one(
                        TrackingQueries.LINK,
                        row -> row.getString("url"),
                        messageId,
                        verified.get().link()))
            .flatMap(TrackingService::redirectable);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    Instant at = Instant.now();
    messages
        .find(messageId)
        .ifPresent(
            m ->
                events.appendDurably(
                    m.event(EventType.CLICKED, at).url(target.get().toString()).build()));
    return target;
  }

  /** Only absolute http(s) URLs are followed; anything else recorded is refused, not redirected. */
  static Optional<URI> redirectable(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return Optional.of(uri);
      }
    } catch (java.net.URISyntaxException e) {
      LOG.warn("recorded link is not a URL: {}", url);
    }
    return Optional.empty();
  }

  /** Whether the token is a valid unsubscribe link of a known message. */
  boolean isUnsubscribeLink(String token) {
    return links
        .verify(token, TrackingLinks.Kind.UNSUBSCRIBE)
        .flatMap(t -> messages.find(t.messageId()))
        .isPresent();
  }

  /**
   * Unsubscribes the message's recipient (RFC 8058 one-click): the address is suppressed for the
   * channel, the contact opted out, and one UNSUBSCRIBED event is emitted. Repeating it changes
   * nothing. The event's id is derived from the message, and it is spooled before the commit, so a
   * retry after a failure spools the same event again, which consumers de-duplicate.
   *
   * @return false when the token is not a valid unsubscribe link of a known message
   */
  boolean unsubscribe(String token) {
    Optional<TrackingLinks.Token> verified = links.verify(token, TrackingLinks.Kind.UNSUBSCRIBE);
    if (verified.isEmpty()) {
      return false;
    }
    UUID messageId = verified.get().messageId();
    return db.transaction(
        tx -> {
          Optional<TrackedMessage> found =
              tx.one(TrackingQueries.MESSAGE, row -> TrackedMessage.of(messageId, row), messageId);
          if (found.isEmpty()) {
            return false;
          }
          TrackedMessage m = found.get();
          UUID eventId =
              UUID.nameUUIDFromBytes(("unsubscribe:" + messageId).getBytes(StandardCharsets.UTF_8));
          int suppressed =
              tx.update(
                  TrackingQueries.SUPPRESS,
                  m.tenantId(),
                  m.channel().wireName(),
                  m.address(),
                  eventId,
                  "one-click unsubscribe from message " + messageId);
          tx.update(TrackingQueries.OPT_OUT, m.tenantId(), m.contactId());
          if (suppressed > 0) {
            events.appendDurably(
                m.event(EventType.UNSUBSCRIBED, Instant.now()).eventId(eventId).build());
          }
          return true;
        });
  }
}
