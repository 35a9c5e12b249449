package dev.heron.api.webhook;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.heron.api.db.Db;
import dev.heron.api.db.Rows;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which subscriptions an event goes to: the tenant's live ones whose filter names its type (or is
 * empty) and that existed when it occurred. Cached per tenant for a few seconds, a tenant without
 * any as well (so the fan-out can pass over its events without asking the database); a change made
 * through this instance clears its tenant at once.
 */
@Singleton
class WebhookSubscriptions {
  private static final Duration KEPT = Duration.ofSeconds(5);

  /** A subscription as the fan-out needs it. */
  record Subscription(UUID id, List<String> eventTypes, Instant createdAt) {
    /** Whether its filter names the type (or is empty): what can be known before decoding. */
    boolean takes(EventType type) {
      return eventTypes.isEmpty() || eventTypes.contains(type.name());
    }

    boolean wants(Event event) {
      return takes(event.type()) && !event.occurredAt().isBefore(createdAt);
    }
  }

  private final Db db;
  private final LoadingCache<UUID, List<Subscription>> byTenant;

  WebhookSubscriptions(Db db) {
    this.db = db.withQueries(WebhookQueries.FILE, WebhookQueries.ALL);
    this.byTenant =
        Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(KEPT).build(this::load);
  }

  /** The tenant's live subscriptions; none for most tenants. */
  List<Subscription> of(UUID tenantId) {
    return byTenant.get(tenantId);
  }

  void forget(UUID tenantId) {
    byTenant.invalidate(tenantId);
  }

  private List<Subscription> load(UUID tenantId) {
    return db.transaction(
        tx ->
            tx.list(
                WebhookQueries.SUBSCRIPTIONS_OF_TENANT,
                row ->
                    new Subscription(
                        Rows.uuid(row, "id"),
                        Rows.texts(row, "event_types"),
                        Rows.instant(row, "created_at")),
                tenantId));
  }
}
