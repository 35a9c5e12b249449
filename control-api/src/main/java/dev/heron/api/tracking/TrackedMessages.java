package dev.heron.api.tracking;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.heron.api.db.Db;
import dev.heron.api.db.Rows;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The sent messages the tracking endpoints describe, cached: a message is opened and clicked many
 * times, and its recipient row and claim do not change once it is sent. Misses are read in bulk,
 * one query for a whole batch of opens.
 */
@Singleton
public class TrackedMessages {
  private static final long CAPACITY = 200_000;
  private static final Duration KEPT = Duration.ofMinutes(30);

  private final Db db;
  private final LoadingCache<UUID, TrackedMessage> cache;

  TrackedMessages(Db db) {
    this.db = db.withQueries(TrackingQueries.FILE, TrackingQueries.ALL);
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(CAPACITY)
            .expireAfterWrite(KEPT)
            .build(
                new CacheLoader<>() {
                  @Override
                  public TrackedMessage load(UUID messageId) {
                    return TrackedMessages.this
                        .db
                        .transaction(
                            tx ->
                                tx.one(
                                    TrackingQueries.MESSAGE,
                                    row -> TrackedMessage.of(messageId, row),
                                    messageId))
                        .orElse(null);
                  }

                  @Override
                  public Map<UUID, TrackedMessage> loadAll(Set<? extends UUID> messageIds) {
                    return loadMany(List.copyOf(messageIds));
                  }
                });
  }

  /** The message, when one was sent with this id. */
  public Optional<TrackedMessage> find(UUID messageId) {
    return Optional.ofNullable(cache.get(messageId));
  }

  /** The messages of these ids that exist; unknown ids are left out. */
  public Map<UUID, TrackedMessage> findAll(Set<UUID> messageIds) {
    return cache.getAll(messageIds);
  }

  private Map<UUID, TrackedMessage> loadMany(List<UUID> messageIds) {
    return db.transaction(
        tx -> {
          Map<UUID, TrackedMessage> found = new HashMap<>();
          tx.list(
              TrackingQueries.MESSAGES,
              row -> {
                UUID id = Rows.uuid(row, "message_id");
                return found.put(id, TrackedMessage.of(id, row));
              },
              messageIds);
          return found;
        });
  }
}
