package dev.heron.api.tracking;

import dev.heron.api.db.Db;
import dev.heron.api.db.Queries;
import dev.heron.events.EventType;
import dev.heron.events.TrackingLinks;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the public tracking endpoints do: verify the signed token, record the fact, emit its event.
 */
@Singleton
public class TrackingService {
  private static final Logger LOG = LoggerFactory.getLogger(TrackingService.class);

  private final Db db;
  private final EventPublisher events;
  private final TrackingLinks links;
  private final MachineOpens machineOpens;

  /**
   * Opens are recorded after the pixel is answered. When the queue is full the request thread does
   * the work itself: slower, but no open is dropped.
   */
  private final ThreadPoolExecutor openRecorder =
      new ThreadPoolExecutor(
          2,
          2,
          60,
          TimeUnit.SECONDS,
          new ArrayBlockingQueue<>(10_000),
          r -> {
            Thread t = new Thread(r, "open-recorder");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.CallerRunsPolicy());

  TrackingService(Db db, EventPublisher events) {
    this.db = db;
    this.events = events;
    this.links = TrackingLinks.fromSettings();
    this.machineOpens = MachineOpens.fromResource();
  }

  @PreDestroy
  void stop() throws InterruptedException {
    openRecorder.shutdown();
    openRecorder.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Records an open in the background; a bad token is ignored (the pixel is served anyway). */
  void openAsync(String token, String userAgent) {
    Optional<TrackingLinks.Token> verified = links.verify(token, TrackingLinks.Kind.OPEN);
    if (verified.isEmpty()) {
      return;
    }
    Instant at = Instant.now();
    openRecorder.execute(() -> recordOpen(verified.get().messageId(), userAgent, at));
  }

  private void recordOpen(UUID messageId, String userAgent, Instant at) {
    try {
      message(messageId)
          .ifPresent(
              m ->
                  events.publish(
                      m.event(EventType.OPENED, at)
                          .machineOpen(machineOpens.isMachine(userAgent))
                          .build()));
    } catch (RuntimeException e) {
      LOG.warn("open of message {} not recorded: {}", messageId, e.getMessage());
    }
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
                        Queries.TRACKING_LINK,
                        row -> row.getString("url"),
                        messageId,
                        verified.get().link()))
            .flatMap(TrackingService::redirectable);
    if (target.isEmpty()) {
      return Optional.empty();
    }
    Instant at = Instant.now();
    message(messageId)
        .ifPresent(
            m ->
                events.publish(
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
        .flatMap(t -> message(t.messageId()))
        .isPresent();
  }

  /**
   * Unsubscribes the message's recipient (RFC 8058 one-click): the address is suppressed for the
   * channel, the contact opted out, and one UNSUBSCRIBED event is emitted. Repeating it changes
   * nothing. The event's id is derived from the message, and it is published before the commit, so
   * a retry after a failure re-publishes the same event, which consumers de-duplicate.
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
              tx.one(Queries.TRACKING_MESSAGE, row -> TrackedMessage.of(messageId, row), messageId);
          if (found.isEmpty()) {
            return false;
          }
          TrackedMessage m = found.get();
          UUID eventId =
              UUID.nameUUIDFromBytes(("unsubscribe:" + messageId).getBytes(StandardCharsets.UTF_8));
          int suppressed =
              tx.update(
                  Queries.TRACKING_SUPPRESS,
                  m.tenantId(),
                  m.channel().wireName(),
                  m.address(),
                  eventId,
                  "one-click unsubscribe from message " + messageId);
          tx.update(Queries.TRACKING_OPT_OUT, m.tenantId(), m.contactId());
          if (suppressed > 0) {
            events.publishAndWait(
                m.event(EventType.UNSUBSCRIBED, Instant.now()).eventId(eventId).build());
          }
          return true;
        });
  }

  private Optional<TrackedMessage> message(UUID messageId) {
    return db.transaction(
        tx ->
            tx.one(Queries.TRACKING_MESSAGE, row -> TrackedMessage.of(messageId, row), messageId));
  }
}
