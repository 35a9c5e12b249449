package dev.heron.simulator.smtp;

import java.time.Instant;

/**
 * One recipient's outcome at the simulator, as the sending client saw it. Rejections are recorded
 * at RCPT TO (no message id yet: DATA never came for them); acceptances after DATA.
 *
 * @param at when the reply was given
 * @param recipient the RCPT TO address, lower-cased
 * @param provider the provider that answered ({@code unknown} for a domain it does not host)
 * @param accepted whether the message was taken
 * @param reply the exact reply line the client got (for an acceptance: the end-of-DATA reply)
 * @param sourceIp the address the client connected from
 * @param envelopeFrom the MAIL FROM address (the VERP return path), empty for a null sender
 * @param messageId the message's Message-ID header without angle brackets, null when unknown
 * @param behaviour the mailbox behaviour that applied
 * @param file where the accepted message was stored, null for a rejection
 */
public record DeliveryOutcome(
    Instant at,
    String recipient,
    String provider,
    boolean accepted,
    String reply,
    String sourceIp,
    String envelopeFrom,
    String messageId,
    MailboxBehaviour behaviour,
    String file) {}
