package dev.heron.senders;

import static dev.heron.events.Settings.CLAIM_LEASE_SECONDS;
import static dev.heron.events.Settings.SENDERS_TENANTS;
import static dev.heron.events.Settings.SHAPING_RULES;

import dev.heron.events.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The senders' own settings, declared with every other key in {@link Settings}, read and checked
 * here: a value that cannot be used fails at start-up with the key's name.
 */
public final class SendersSettings {
  /** The lease a sender uses when it is built without settings (tests): the declared default. */
  static final Duration DEFAULT_CLAIM_LEASE = Duration.ofSeconds(60);

  private SendersSettings() {}

  public static Duration claimLease() {
    String value = Settings.get(CLAIM_LEASE_SECONDS);
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
    String value = Settings.get(SENDERS_TENANTS);
    try {
      return Arrays.stream(value.split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .map(UUID::fromString)
          .collect(Collectors.toUnmodifiableSet());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          SENDERS_TENANTS + " must be comma-separated tenant ids, was '" + value + "'", e);
    }
  }

  public static String shapingRules() {
    return Settings.get(SHAPING_RULES).strip();
  }
}
