package dev.heron.jobs.sendtime;

/**
 * A contact's human open or click as the model reads it: a new {@link Reading} when it is the first
 * of its message ({@code firstOfMessage}), or a repeat that only counts as an observation.
 */
public record ContactReading(
    String tenantId, String contactId, Reading reading, boolean firstOfMessage) {
  public String contactKey() {
    return Engagement.contactKey(tenantId, contactId);
  }
}
