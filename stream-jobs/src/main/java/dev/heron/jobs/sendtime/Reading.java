package dev.heron.jobs.sendtime;

/**
 * A contact's first human open or click of a message: its hour of the week and time, and the hour
 * of the week the message was delivered ({@link #NOT_DELIVERED} when the job did not see it within
 * the read horizon), both in the contact's time zone.
 */
public record Reading(int hourOfWeek, int deliveredHourOfWeek, long atMillis) {
  public static final int NOT_DELIVERED = -1;

  public boolean delivered() {
    return deliveredHourOfWeek != NOT_DELIVERED;
  }
}
