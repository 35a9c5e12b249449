package dev.heron.simulator.smtp;

/** What a simulated mailbox does with a message addressed to it. */
public enum MailboxBehaviour {
  /** Accept; the recipient may open and click. */
  ACCEPT,
  /** {@code 550 5.1.1}: the address does not exist. */
  REJECT,
  /** Over quota: Gmail's temporary {@code 452 4.2.2}, elsewhere {@code 552 5.2.2}. */
  MAILBOX_FULL,
  /** {@code 550 5.2.1}: the account exists but is disabled. */
  DISABLED,
  /** {@code 554 5.7.1}: refused by policy. */
  BLOCK,
  /** {@code 421 4.7.28}: try again later, every time. */
  DEFER,
  /** {@code 451 4.7.1} on the first attempt of a (source IP, sender, recipient) triplet. */
  GREYLIST,
  /** Accept, after a slow RCPT TO reply. */
  SLOW,
  /** Accept, then send a delivery status notification (RFC 3464) saying it failed after all. */
  LATE_BOUNCE,
  /** Accept, then the recipient marks it as spam: an ARF report (RFC 5965). */
  COMPLAIN,
  /** Accept, then the recipient writes back to the From address, answering the message. */
  REPLY
}
