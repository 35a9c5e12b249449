package dev.heron.senders.delivery;

import java.util.List;

/**
 * The due retries taken at once.
 *
 * @param readable those to try
 * @param unreadable those whose stored request cannot be read: set apart, not tried
 */
public record DueRetries(List<PendingRetry> readable, List<UnreadableRetry> unreadable) {
  public DueRetries {
    readable = List.copyOf(readable);
    unreadable = List.copyOf(unreadable);
  }

  public int size() {
    return readable.size() + unreadable.size();
  }
}
