package dev.heron.senders.reports;

/** A report whose meaning, or whose message, cannot be made out; it is kept with the reason. */
public final class UnreadableReportException extends Exception {
  public UnreadableReportException(String reason) {
    super(reason);
  }
}
