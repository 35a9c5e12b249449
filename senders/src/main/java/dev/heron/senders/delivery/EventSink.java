package dev.heron.senders.delivery;

import dev.heron.events.Event;

/** Where the manager's events go: {@code heron.events}, keyed by message id. */
public interface EventSink {
  void publish(Event event);

  /** Returns once every event published so far is durable; fails when one could not be. */
  void flush();
}
