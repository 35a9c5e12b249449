package dev.heron.events;

/** Every delivery and engagement fact Heron records. */
public enum EventType {
  SENT,
  DELIVERED,
  DEFERRED,
  BOUNCED,
  FAILED,
  DROPPED,
  OPENED,
  CLICKED,
  REPLIED,
  UNSUBSCRIBED,
  COMPLAINED,
  CONVERTED;

  /** Outcomes of a delivery attempt, reported by the senders. */
  public boolean isDeliveryOutcome() {
    return switch (this) {
      case SENT, DELIVERED, DEFERRED, BOUNCED, FAILED, DROPPED -> true;
      default -> false;
    };
  }
}
