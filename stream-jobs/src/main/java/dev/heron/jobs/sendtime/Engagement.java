package dev.heron.jobs.sendtime;

/** A contact's human open or click, at an hour of the week in the contact's time zone. */
public record Engagement(String tenantId, String contactId, long occurredAtMillis, int hourOfWeek) {
  public String contactKey() {
    return tenantId + "|" + contactId;
  }
}
