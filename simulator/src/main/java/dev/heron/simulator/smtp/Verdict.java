package dev.heron.simulator.smtp;

import java.time.Duration;

/**
 * What the simulated provider answers to one RCPT TO.
 *
 * @param provider the provider name, or {@code unknown} for a domain the world does not host
 * @param behaviour the mailbox behaviour that applied (for an accepted recipient: what happens
 *     next)
 * @param reply the reply the client gets; for an accepted recipient, the RCPT reply is a plain
 *     {@code 250} and this is null
 * @param delay how long to wait before replying
 */
public record Verdict(String provider, MailboxBehaviour behaviour, Reply reply, Duration delay) {
  public boolean accepted() {
    return reply == null;
  }
}
