package dev.heron.jobs.intake;

import dev.heron.events.DeadLetter;
import dev.heron.events.Event;

/**
 * One record read from {@code heron.events}: either a readable {@link Event} or the {@link
 * DeadLetter} that says why it was not. Reading never throws, so one bad record cannot stop the
 * jobs.
 */
public record Incoming(Event event, DeadLetter deadLetter) {

  public static Incoming readable(Event event) {
    return new Incoming(event, null);
  }

  public static Incoming unreadable(DeadLetter deadLetter) {
    return new Incoming(null, deadLetter);
  }

  public boolean isReadable() {
    return event != null;
  }
}
