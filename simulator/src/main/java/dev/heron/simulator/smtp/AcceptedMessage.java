package dev.heron.simulator.smtp;

import java.nio.file.Path;
import java.time.Instant;

/** A message the simulator took for one recipient, handed to what happens after delivery. */
public record AcceptedMessage(
    Instant at,
    String recipient,
    String provider,
    MailboxBehaviour behaviour,
    String sourceIp,
    String envelopeFrom,
    String messageId,
    Path file,
    byte[] raw) {}
