package dev.heron.senders.smtp;

import java.time.Instant;

/**
 * What one SMTP transaction came to.
 *
 * @param reply the server's reply that decided it; null when no reply came (see {@code problem})
 * @param handedAt when the transaction began on an open connection; null when none could be opened
 * @param problem what went wrong without a reply (a refused connection, a local error)
 * @param local true when the fault is on this machine (a source IP that cannot be bound, say)
 */
public record SmtpResult(SmtpReply reply, Instant handedAt, String problem, boolean local) {
  static SmtpResult replied(SmtpReply reply, Instant handedAt) {
    return new SmtpResult(reply, handedAt, null, false);
  }

  static SmtpResult unreachable(String problem, Instant handedAt) {
    return new SmtpResult(null, handedAt, problem, false);
  }

  static SmtpResult localError(String problem) {
    return new SmtpResult(null, null, problem, true);
  }
}
