package dev.heron.simulator.smtp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Greylisting as MTAs do it: the first attempt of a (source IP, envelope sender, recipient) triplet
 * is deferred, and a retry is accepted once {@code retryAfter} has passed since then.
 */
public final class Greylist {
  private static final int MAX_TRIPLETS = 200_000;

  private final Duration retryAfter;
  private final Clock clock;
  private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

  public Greylist(Duration retryAfter, Clock clock) {
    this.retryAfter = retryAfter;
    this.clock = clock;
  }

  /** True when this attempt may pass; the first attempt of a triplet never does. */
  public boolean passes(String sourceIp, String envelopeFrom, String recipient) {
    Instant now = clock.instant();
    if (firstSeen.size() > MAX_TRIPLETS) {
      // Bounded memory on long benchmark runs: forget triplets that could have retried long ago.
      Instant horizon = now.minus(retryAfter.multipliedBy(10).plusMinutes(10));
      firstSeen.values().removeIf(seen -> seen.isBefore(horizon));
    }
    String triplet = sourceIp + "|" + envelopeFrom + "|" + recipient;
    Instant first = firstSeen.putIfAbsent(triplet, now);
    return first != null && !now.isBefore(first.plus(retryAfter));
  }
}
