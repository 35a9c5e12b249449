package dev.heron.senders.delivery;

import dev.heron.events.SendRequest;

/**
 * A message ready for its channel: the request it answers and its rendered, tracked content.
 *
 * @param attempt 1 for the first try, counting up on each retry of a deferral
 * @param previousSendingIp the source address of the previous try, null on the first: a retry goes
 *     out from it again, as greylisting (keyed on IP, sender and recipient) expects
 */
public record OutboundMessage(
    SendRequest request, RenderedContent content, int attempt, String previousSendingIp) {
  public OutboundMessage(SendRequest request, RenderedContent content, int attempt) {
    this(request, content, attempt, null);
  }

  public OutboundMessage nextAttempt(String sendingIp) {
    return new OutboundMessage(request, content, attempt + 1, sendingIp);
  }
}
