package dev.heron.simulator.reports;

import java.time.Instant;

/**
 * A report the simulator sent (or failed to send) to the bounce listener.
 *
 * @param recipient the original recipient the report is about
 * @param messageId the original message's Message-ID
 * @param sentTo the envelope recipient of the report (the original MAIL FROM)
 * @param delivered whether the bounce listener took it
 * @param detail the listener's reply, or why it could not be sent
 */
public record ReportOutcome(
    Instant at,
    ReportKind kind,
    String recipient,
    String messageId,
    String sentTo,
    boolean delivered,
    String detail) {}
