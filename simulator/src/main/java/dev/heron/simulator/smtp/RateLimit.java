package dev.heron.simulator.smtp;

import java.util.Objects;

/**
 * How fast one provider lets a single source IP offer recipients: {@code perSecond} on average,
 * bursts of up to {@code burst}; beyond that every RCPT TO gets {@code reply} (a 4xx deferral)
 * until the IP slows down. Traffic shaping has something real to learn from.
 */
public record RateLimit(String provider, double perSecond, int burst, String reply) {
  public RateLimit {
    Objects.requireNonNull(provider, "rateLimits.provider");
    Objects.requireNonNull(reply, "rateLimits.reply");
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rateLimits.perSecond must be positive, was " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("rateLimits.burst must be at least 1, was " + burst);
    }
    Reply.parse(reply);
  }
}
