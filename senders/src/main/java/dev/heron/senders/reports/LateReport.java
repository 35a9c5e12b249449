package dev.heron.senders.reports;

import java.util.UUID;

/**
 * What a report that arrived after delivery says about one sent message.
 *
 * @param messageId the message it is about, found from the VERP address or the Message-ID
 * @param recipient the recipient it names, when it names one; for a reply, who wrote it
 * @param status a bounce's RFC 3463 status ({@code 5.1.1}), null for a complaint
 * @param diagnostic a bounce's remote reply ({@code 550 5.1.1 ...}), when the report quotes it
 * @param feedbackType a complaint's ARF feedback type ({@code abuse}, {@code fraud}...)
 * @param reportingMta who sent the report, for the event's reason
 * @param reportedAt the report's own {@code Date}, null when it has none: the same report sent
 *     twice has the same date, so that its event is the same event
 */
public record LateReport(
    Kind kind,
    UUID messageId,
    String recipient,
    String status,
    String diagnostic,
    String feedbackType,
    String reportingMta,
    java.time.Instant reportedAt) {

  public enum Kind {
    /** A delivery status notification (RFC 3464) saying the message failed after all. */
    BOUNCE,
    /** A feedback report (RFC 5965): the recipient marked the message as spam. */
    COMPLAINT,
    /**
     * A person's answer to the message: a mail whose {@code In-Reply-To} or {@code References}
     * names its Message-ID (replies to the From address reach the listener through the same MX as
     * the VERP bounces). Automatic answers (RFC 3834) are not replies.
     */
    REPLY
  }
}
