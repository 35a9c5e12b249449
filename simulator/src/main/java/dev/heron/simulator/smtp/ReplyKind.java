package dev.heron.simulator.smtp;

/** The kinds of SMTP replies a provider words in its own way. */
public enum ReplyKind {
  ACCEPTED,
  NO_SUCH_USER,
  MAILBOX_FULL,
  ACCOUNT_DISABLED,
  BLOCKED,
  DEFERRED,
  GREYLISTED,
  RELAY_DENIED,
  /** Not an SMTP reply but the diagnostic code a later DSN carries. */
  LATE_BOUNCE
}
