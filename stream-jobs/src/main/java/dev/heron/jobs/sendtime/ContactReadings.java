package dev.heron.jobs.sendtime;

/**
 * A contact's newest readings, oldest first, the newest reading's time, and how many opens and
 * clicks it has made (repeats of a message included).
 */
public record ContactReadings(Reading[] readings, long asOfMillis, long observations) {
  public static final ContactReadings NONE = new ContactReadings(new Reading[0], Long.MIN_VALUE, 0);
}
