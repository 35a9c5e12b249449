package dev.heron.senders.delivery;

import java.util.concurrent.CompletableFuture;

/**
 * Delivers messages over one channel (SMTP for email; WhatsApp, SMS, social later). The delivery
 * manager knows nothing else about a channel, so channels can be swapped and the manager tested on
 * its own.
 */
public interface Messenger extends AutoCloseable {
  /** The channel's wire name, such as {@code email}. */
  String name();

  /**
   * Hands a message over for delivery. The future completes with the attempt's result, never
   * exceptionally: a messenger turns its own failures into a {@link Verdict#FAILED} attempt.
   */
  CompletableFuture<DeliveryAttempt> push(OutboundMessage message);

  /** Waits until every message pushed so far has its result. */
  void flush();

  /** Releases connections and threads. */
  @Override
  void close();
}
