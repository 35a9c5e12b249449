package dev.heron.senders.store;

import dev.heron.events.BounceClass;
import dev.heron.events.EventType;
import dev.heron.senders.delivery.BadRecordException;
import dev.heron.senders.delivery.Verdict;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the verdict recorded on a claim ({@code message_claims.outcome} and {@code bounce_class}).
 * Case is forgiven, as the database's check on the column forgives it; anything else that is not a
 * final outcome is a {@link BadRecordException} naming the column, for that message alone.
 */
final class ClaimVerdicts {
  /** The outcomes a claim can end with; the migration's check on the column lists the same. */
  static final Set<EventType> FINAL =
      Set.of(EventType.DELIVERED, EventType.BOUNCED, EventType.FAILED, EventType.DROPPED);

  private ClaimVerdicts() {}

  static Verdict read(UUID messageId, String outcome, String bounceClass) {
    EventType type = finalOutcome(messageId, outcome);
    if (bounceClass == null) {
      return new Verdict(type, null);
    }
    try {
      return new Verdict(type, BounceClass.valueOf(bounceClass.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      throw new BadRecordException(
          "message_claims.bounce_class of "
              + messageId
              + ": '"
              + bounceClass
              + "' is not one of hard, soft, block");
    }
  }

  private static EventType finalOutcome(UUID messageId, String outcome) {
    try {
      EventType type = EventType.valueOf(outcome.strip().toUpperCase(Locale.ROOT));
      if (FINAL.contains(type)) {
        return type;
      }
    } catch (IllegalArgumentException e) {
      // reported below with the others
    }
    throw new BadRecordException(
        "message_claims.outcome of "
            + messageId
            + ": '"
            + outcome
            + "' is not a final outcome (DELIVERED, BOUNCED, FAILED, DROPPED)");
  }
}
