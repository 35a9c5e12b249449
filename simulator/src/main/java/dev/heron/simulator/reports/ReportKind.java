package dev.heron.simulator.reports;

/** The reports a provider sends back after accepting a message. */
public enum ReportKind {
  /** RFC 3464 delivery status notification: the message failed after all. */
  DSN,
  /** RFC 5965 abuse feedback report: the recipient marked the message as spam. */
  ARF,
  /** Not a report: the recipient's own answer, to the message's From address. */
  REPLY
}
