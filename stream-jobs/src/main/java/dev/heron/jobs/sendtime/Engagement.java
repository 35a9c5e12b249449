package dev.heron.jobs.sendtime;

/**
 * What the send-time model hears of a contact, at an hour of the week in the contact's time zone: a
 * message delivered to them, or their human open or click of one.
 */
public record Engagement(
    String tenantId,
    String contactId,
    String messageId,
    Kind kind,
    long occurredAtMillis,
    int hourOfWeek) {
  public enum Kind {
    DELIVERED,
    OPENED,
    CLICKED
  }

  public String contactKey() {
    return contactKey(tenantId, contactId);
  }

  /**
   * The key every send-time step partitions a contact's stream by. One definition: the steps after
   * the first read its output in place (no shuffle), which holds only while they all key alike.
   */
  public static String contactKey(Object tenantId, Object contactId) {
    return tenantId + "|" + contactId;
  }

  /** An open or click, not a delivery. */
  public boolean isEngagement() {
    return kind != Kind.DELIVERED;
  }
}
