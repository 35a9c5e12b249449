package dev.heron.senders.routing;

import dev.heron.events.IpScore;
import dev.heron.events.WarmupState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest IP scores (per IP × provider) and warmup states (per IP), as the compacted topics
 * carry them; kept up to date by a feed and read on every message.
 */
public final class ReputationBook {
  private final Map<String, IpScore> scores = new ConcurrentHashMap<>();
  private final Map<String, WarmupState> warmups = new ConcurrentHashMap<>();

  public void put(IpScore score) {
    scores.merge(score.key(), score, ReputationBook::newer);
  }

  public void put(WarmupState state) {
    warmups.merge(
        state.ip(),
        state,
        (a, b) ->
            b.updatedAt() == null || a.updatedAt() == null || !b.updatedAt().isBefore(a.updatedAt())
                ? b
                : a);
  }

  /** A tombstone on a compacted topic: the key is gone. */
  public void removeScore(String key) {
    scores.remove(key);
  }

  public void removeWarmup(String ip) {
    warmups.remove(ip);
  }

  public Optional<IpScore> score(String ip, String provider) {
    return Optional.ofNullable(scores.get(IpScore.key(ip, provider)));
  }

  public Optional<WarmupState> warmup(String ip) {
    return Optional.ofNullable(warmups.get(ip));
  }

  private static IpScore newer(IpScore a, IpScore b) {
    return b.computedAt() == null
            || a.computedAt() == null
            || !b.computedAt().isBefore(a.computedAt())
        ? b
        : a;
  }
}
