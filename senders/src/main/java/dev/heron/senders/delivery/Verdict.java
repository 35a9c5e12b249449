package dev.heron.senders.delivery;

import dev.heron.events.BounceClass;
import dev.heron.events.EventType;

/**
 * What happened to a message: an outcome event type and, for a bounce, its class.
 *
 * @param bounceClass set for {@link EventType#BOUNCED} only
 */
public record Verdict(EventType type, BounceClass bounceClass) {
  public static final Verdict DELIVERED = new Verdict(EventType.DELIVERED, null);
  public static final Verdict DEFERRED = new Verdict(EventType.DEFERRED, null);
  public static final Verdict HARD = new Verdict(EventType.BOUNCED, BounceClass.HARD);
  public static final Verdict SOFT = new Verdict(EventType.BOUNCED, BounceClass.SOFT);
  public static final Verdict BLOCK = new Verdict(EventType.BOUNCED, BounceClass.BLOCK);
  public static final Verdict FAILED = new Verdict(EventType.FAILED, null);
  public static final Verdict DROPPED = new Verdict(EventType.DROPPED, null);

  /** The word recorded in {@code message_claims.outcome}: the type, with the class of a bounce. */
  public String label() {
    String base = type.name().toLowerCase(java.util.Locale.ROOT);
    return bounceClass == null ? base : base + "_" + bounceClass.wireName();
  }
}
