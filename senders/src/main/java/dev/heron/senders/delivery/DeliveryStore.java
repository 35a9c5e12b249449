package dev.heron.senders.delivery;

import dev.heron.events.SendRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where the manager keeps claims and outcomes, and reads what stops a message. */
public interface DeliveryStore {
  /**
   * Takes the durable claim on the request's message before anything is sent. Should the sender die
   * before recording an outcome, the message comes back as a due retry once its lease runs out.
   *
   * @return false when the message was already claimed: it must not be sent again
   */
  boolean claim(SendRequest request, String claimedBy);

  /** Why the recipient must not get this message (suppressed, opted out), if they must not. */
  Optional<String> refusal(SendRequest request);

  /** Keeps the original URL of each rewritten link, so that a click redirects only to them. */
  void recordLinks(UUID messageId, List<String> urls);

  /** Puts a deferred message in line for its next try (replacing an earlier place in line). */
  void scheduleRetry(PendingRetry retry);

  /**
   * Takes up to {@code limit} due retries, leased: not given out again before the lease runs out
   * unless rescheduled. A retry is over when its message's outcome is recorded.
   */
  List<PendingRetry> takeDueRetries(int limit);

  /**
   * Pushes the watchdog retries of messages still in flight here one lease further: message id →
   * the try in flight (a retry already put back in line for a later try is left alone).
   */
  void renewLeases(Map<UUID, Integer> inFlight);

  /** Completes the claim with the message's final outcome, ending any pending retry. */
  void recordOutcome(SendRequest request, Completion completion);

  /** The final outcome recorded on a message's claim; empty while it has none. */
  Optional<Completion> completion(SendRequest request);
}
