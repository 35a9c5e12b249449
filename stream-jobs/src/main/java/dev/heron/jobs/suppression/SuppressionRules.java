package dev.heron.jobs.suppression;

import dev.heron.events.BounceClass;
import dev.heron.events.Event;
import java.util.Optional;
import java.util.Set;

/**
 * Which events suppress an address tenant-wide. Plain Java: no Flink in here.
 *
 * <p>A hard bounce suppresses only when it is about the address (RFC 3463 {@code 5.1.x} address
 * status, {@code 5.2.1} disabled mailbox); a policy refusal ({@code 5.7.x}) or any other hard
 * bounce with a status that is not about the address says nothing about the address. A hard bounce
 * without an enhanced status trusts the senders' classification. Complaints and unsubscribes always
 * suppress.
 */
public final class SuppressionRules {
  /** Enhanced status codes that mean the address itself is bad. */
  public static final Set<String> ADDRESS_STATUSES =
      Set.of("5.1.0", "5.1.1", "5.1.2", "5.1.3", "5.1.6", "5.1.10", "5.2.1");

  private SuppressionRules() {}

  /** The {@code suppression_list.reason} an event gives, or nothing. */
  public static Optional<String> reasonFor(Event e) {
    return switch (e.type()) {
      case BOUNCED -> isAddressBounce(e) ? Optional.of("hard_bounce") : Optional.empty();
      case COMPLAINED -> Optional.of("complaint");
      case UNSUBSCRIBED -> Optional.of("unsubscribe");
      default -> Optional.empty();
    };
  }

  static boolean isAddressBounce(Event e) {
    if (e.bounceClass() != BounceClass.HARD) {
      return false;
    }
    String status = e.enhancedStatus();
    return status == null || status.isBlank() || ADDRESS_STATUSES.contains(status.strip());
  }

  /** What the entry records about its cause, for people reading the list. */
  public static String detailOf(Event e) {
    StringBuilder detail = new StringBuilder(e.type().name().toLowerCase(java.util.Locale.ROOT));
    if (e.enhancedStatus() != null) {
      detail.append(' ').append(e.enhancedStatus());
    }
    if (e.smtpResponse() != null) {
      detail.append(": ").append(e.smtpResponse());
    } else if (e.reason() != null) {
      detail.append(": ").append(e.reason());
    }
    return detail.toString();
  }
}
