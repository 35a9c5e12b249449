package dev.heron.senders.delivery;

import dev.heron.events.DeadLetter;

/** Where records that cannot be processed go, with the reason: {@code heron.dlq}. */
public interface DeadLetterSink {
  void publish(DeadLetter letter);

  /** Returns once every letter published so far is durable; fails when one could not be. */
  void flush();
}
