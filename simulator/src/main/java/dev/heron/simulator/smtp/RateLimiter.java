package dev.heron.simulator.smtp;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Token buckets per (source IP, provider) for the providers that have a {@link RateLimit}. */
final class RateLimiter {
  private final Map<String, RateLimit> byProvider = new ConcurrentHashMap<>();
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final Clock clock;

  RateLimiter(List<RateLimit> limits, Clock clock) {
    this.clock = clock;
    limits.forEach(limit -> byProvider.put(limit.provider(), limit));
  }

  /** The limit {@code sourceIp} is over at {@code provider} with this recipient, if any. */
  Optional<RateLimit> exceeded(String sourceIp, String provider) {
    RateLimit limit = byProvider.get(provider);
    if (limit == null) {
      return Optional.empty();
    }
    Bucket bucket =
        buckets.computeIfAbsent(sourceIp + "|" + provider, key -> new Bucket(limit, nanos()));
    return bucket.take(nanos()) ? Optional.empty() : Optional.of(limit);
  }

  private long nanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static final class Bucket {
    private final RateLimit limit;
    private double tokens;
    private long refilledAt;

    Bucket(RateLimit limit, long now) {
      this.limit = limit;
      this.tokens = limit.burst();
      this.refilledAt = now;
    }

    synchronized boolean take(long now) {
      double elapsedSeconds = Math.max(0, now - refilledAt) / 1e9;
      tokens = Math.min(limit.burst(), tokens + elapsedSeconds * limit.perSecond());
      refilledAt = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
