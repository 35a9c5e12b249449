package dev.heron.senders.delivery;

import dev.heron.events.TimeOrderedIds;
import java.util.UUID;

/**
 * The ids of the events about a message are derived from the message id, not drawn at random: when
 * a replayed request emits an outcome again, it is the same event, and consumers that de-duplicate
 * on the event id count it once. They sort with the message id ({@link TimeOrderedIds#about}).
 */
public final class EventIds {
  public static UUID sent(UUID messageId) {
    return of(messageId, "SENT");
  }

  /** The one final outcome (DELIVERED, BOUNCED, FAILED, DROPPED) of a message. */
  public static UUID outcome(UUID messageId) {
    return of(messageId, "OUTCOME");
  }

  public static UUID deferral(UUID messageId, int attempt) {
    return of(messageId, "DEFERRED:" + attempt);
  }

  /** A late report ({@code dsn} or {@code arf}): a report sent twice is one event. */
  public static UUID lateReport(UUID messageId, String kind) {
    return of(messageId, "REPORT:" + kind);
  }

  private static UUID of(UUID messageId, String what) {
    return TimeOrderedIds.about(messageId, "heron.senders:" + what);
  }

  private EventIds() {}
}
