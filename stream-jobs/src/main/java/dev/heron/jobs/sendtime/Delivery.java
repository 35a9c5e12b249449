package dev.heron.jobs.sendtime;

/**
 * A message delivered to a contact, at an hour of the week in the contact's time zone; {@code read}
 * once its first open or click became a reading (a click after the open is the same reading).
 */
public record Delivery(long atMillis, int hourOfWeek, boolean read) {}
