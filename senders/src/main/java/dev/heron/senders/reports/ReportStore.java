package dev.heron.senders.reports;

import java.util.Optional;
import java.util.UUID;

/** Where late reports find their messages, and where the unreadable ones are kept. */
public interface ReportStore {
  /** The message's facts, from its claim and its recipient row; empty when Heron never sent it. */
  Optional<MessageFacts> message(UUID messageId);

  /** Keeps a report that could not be used, with the reason, so that nothing is dropped. */
  void keepUnreadable(String kind, String reason, byte[] raw);
}
