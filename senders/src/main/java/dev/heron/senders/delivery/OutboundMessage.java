package dev.heron.senders.delivery;

import dev.heron.events.SendRequest;

/**
 * A message ready for its channel: the request it answers and its rendered, tracked content.
 *
 * @param attempt 1 for the first try, counting up on each retry of a deferral
 */
public record OutboundMessage(SendRequest request, RenderedContent content, int attempt) {
  public OutboundMessage nextAttempt() {
    return new OutboundMessage(request, content, attempt + 1);
  }
}
