package dev.heron.senders;

import dev.heron.events.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The senders' settings that {@link Settings} does not declare yet, read the same way: the system
 * property of the same name, then the environment, then the default here.
 */
public final class SendersSettings {
  /**
   * How long a claimed message may go without a sign of life from its sender before another sender
   * tries it again (the watchdog retry). A running sender renews the leases of its messages in
   * flight every quarter of it, so it bounds the wait after a crash, not the time a message may
   * take.
   */
  public static final String CLAIM_LEASE_SECONDS = "HERON_CLAIM_LEASE_SECONDS";

  /**
   * Comma-separated tenant ids this instance serves; empty for all. A scoped instance reads {@code
   * heron.sends} in a consumer group of its own.
   */
  public static final String TENANTS = "HERON_SENDERS_TENANTS";

  /** A shaping-rules file replacing the built-in {@code shaping-rules.json}; empty for that one. */
  public static final String SHAPING_RULES = "HERON_SHAPING_RULES";

  static final Duration DEFAULT_CLAIM_LEASE = Duration.ofSeconds(60);

  private SendersSettings() {}

  static String get(String key, String fallback) {
    return Optional.ofNullable(System.getProperty(key))
        .or(() -> Optional.ofNullable(System.getenv(key)))
        .orElse(fallback);
  }

  public static Duration claimLease() {
    String value = get(CLAIM_LEASE_SECONDS, Long.toString(DEFAULT_CLAIM_LEASE.toSeconds()));
    double seconds;
    try {
      seconds = Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          CLAIM_LEASE_SECONDS + " must be a number of seconds, was '" + value + "'", e);
    }
    if (!(seconds >= 1)) {
      throw new IllegalArgumentException(
          CLAIM_LEASE_SECONDS + " must be 1 second or more, was '" + value + "'");
    }
    return Duration.ofMillis((long) (seconds * 1000));
  }

  public static Set<UUID> tenants() {
    String value = get(TENANTS, "");
    try {
      return Arrays.stream(value.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .map(UUID::fromString)
          .collect(Collectors.toUnmodifiableSet());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          TENANTS + " must be comma-separated tenant ids, was '" + value + "'", e);
    }
  }

  public static String shapingRules() {
    return get(SHAPING_RULES, "").strip();
  }
}
