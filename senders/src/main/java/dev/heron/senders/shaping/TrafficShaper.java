package dev.heron.senders.shaping;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces each sending IP at each provider with a token bucket at the provider's rate, and reacts to
 * replies by the {@link ShapingRules}: a throttle lowers the rate for a while, a suspension stops
 * the IP at that provider for a while. Both lift by themselves when their time is up.
 */
public final class TrafficShaper {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficShaper.class);

  private record Key(String ip, String provider) {}

  /** Where an IP stands at a provider. All access is synchronized on the instance. */
  private static final class Lane {
    double tokens;
    Instant refilledAt;
    double factor = 1.0;
    Instant throttledUntil = Instant.MIN;
    Instant suspendedUntil = Instant.MIN;
    String suspendedBecause;
  }

  private final ShapingRules rules;
  private final Clock clock;
  private final Map<Key, Lane> lanes = new ConcurrentHashMap<>();

  public TrafficShaper(ShapingRules rules, Clock clock) {
    this.rules = rules;
    this.clock = clock;
  }

  /** Why {@code ip} may not send to {@code provider} now, if it may not. */
  public Optional<String> suspension(String ip, String provider) {
    Lane lane = lane(ip, provider);
    synchronized (lane) {
      Instant now = clock.instant();
      return now.isBefore(lane.suspendedUntil)
          ? Optional.of(
              "suspended at "
                  + provider
                  + " until "
                  + lane.suspendedUntil
                  + ": "
                  + lane.suspendedBecause)
          : Optional.empty();
    }
  }

  /** How many connections one IP may hold open at {@code provider} at once (1 without a limit). */
  public int connections(String provider) {
    return rules.limitFor(provider).map(ShapingRules.Limit::connections).orElse(1);
  }

  /**
   * How many messages one connection carries to {@code provider} before it is closed and another
   * opened ({@link ShapingRules#DEFAULT_MESSAGES_PER_CONNECTION} without a limit).
   */
  public int messagesPerConnection(String provider) {
    return rules
        .limitFor(provider)
        .map(ShapingRules.Limit::messagesPerConnection)
        .orElse(ShapingRules.DEFAULT_MESSAGES_PER_CONNECTION);
  }

  /**
   * Takes a token for one message; returns how long to wait before sending it (zero when it may go
   * at once). The token is taken either way, so waiting callers queue up at the current rate.
   */
  public Duration reserve(String ip, String provider) {
    Optional<ShapingRules.Limit> limit = rules.limitFor(provider);
    if (limit.isEmpty()) {
      return Duration.ZERO;
    }
    Lane lane = lane(ip, provider);
    synchronized (lane) {
      Instant now = clock.instant();
      double rate =
          limit.get().perSecond() * (now.isBefore(lane.throttledUntil) ? lane.factor : 1.0);
      if (lane.refilledAt == null) {
        lane.tokens = limit.get().burst();
        lane.refilledAt = now;
      }
      double elapsed = Duration.between(lane.refilledAt, now).toNanos() / 1e9;
      lane.tokens = Math.min(limit.get().burst(), lane.tokens + Math.max(0, elapsed) * rate);
      lane.refilledAt = now;
      lane.tokens -= 1;
      if (lane.tokens >= 0) {
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) (-lane.tokens / rate * 1e9));
    }
  }

  /** Applies the first rule the reply matches, if any. */
  public void observe(String ip, String provider, String replyText) {
    Optional<ShapingRules.Rule> rule = rules.ruleFor(provider, replyText);
    if (rule.isEmpty()) {
      return;
    }
    Lane lane = lane(ip, provider);
    synchronized (lane) {
      Instant until = clock.instant().plus(rule.get().duration());
      if (rule.get().action() == ShapingRules.Action.SUSPEND) {
        lane.suspendedUntil = until;
        lane.suspendedBecause = replyText;
        LOG.warn("suspending {} at {} until {}: {}", ip, provider, until, replyText);
      } else {
        lane.factor = rule.get().factor();
        lane.throttledUntil = until;
        LOG.info("throttling {} at {} to {}x until {}", ip, provider, rule.get().factor(), until);
      }
    }
  }

  private Lane lane(String ip, String provider) {
    return lanes.computeIfAbsent(new Key(ip, provider), k -> new Lane());
  }
}
