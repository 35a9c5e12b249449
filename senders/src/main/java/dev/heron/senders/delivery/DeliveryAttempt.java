package dev.heron.senders.delivery;

import java.time.Instant;

/**
 * The result of one attempt to deliver a message, as a messenger reports it.
 *
 * @param reply the provider's reply, when there was one; null for an outcome decided locally
 * @param reason why, in words, when there is no reply to say it (a DNS failure, a local error...)
 * @param sendingIp the source address used, when one was chosen
 * @param provider the recipient's mailbox provider, when known
 * @param handedAt when the message was handed to the provider's server; null when it never was
 */
public record DeliveryAttempt(
    Verdict verdict,
    Reply reply,
    String reason,
    String sendingIp,
    String provider,
    Instant handedAt) {

  /**
   * A provider's reply: for SMTP the basic code, the RFC 3463 enhanced status and the exact text.
   */
  public record Reply(Integer code, String enhancedStatus, String text) {}

  /** Decided before anything was handed over: nothing about routing is known. */
  public static DeliveryAttempt local(Verdict verdict, String reason) {
    return new DeliveryAttempt(verdict, null, reason, null, null, null);
  }

  public boolean handedOver() {
    return handedAt != null;
  }

  /** The same attempt, judged differently (a deferral that ran out of retries, say). */
  public DeliveryAttempt withVerdict(Verdict newVerdict, String newReason) {
    return new DeliveryAttempt(newVerdict, reply, newReason, sendingIp, provider, handedAt);
  }
}
