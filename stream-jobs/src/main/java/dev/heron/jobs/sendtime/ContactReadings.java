package dev.heron.jobs.sendtime;

/** A contact's newest readings, oldest first, and the newest reading's time. */
public record ContactReadings(Reading[] readings, long asOfMillis) {
  public static final ContactReadings NONE = new ContactReadings(new Reading[0], Long.MIN_VALUE);
}
