package dev.heron.senders.delivery;

import dev.heron.events.SendRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Where the manager keeps claims and outcomes, and reads what stops a message. Each method takes a
 * whole batch, so that a poll of requests costs a handful of round trips, not a few per message.
 */
public interface DeliveryStore {
  /**
   * Takes the durable claims on the requests' messages before anything is sent. Should the sender
   * die before recording an outcome, a message comes back as a due retry once its lease runs out.
   *
   * @return the messages claimed now; the others were claimed before and must not be sent again
   */
  Set<UUID> claim(List<SendRequest> requests, String claimedBy);

  /**
   * Why recipients must not get their messages (suppressed, opted out): message id → the reason,
   * for those that must not.
   */
  Map<UUID, String> refusals(List<SendRequest> requests);

  /**
   * Keeps the original URL of each rewritten link (message id → URLs by link index), so that a
   * click redirects only to them.
   */
  void recordLinks(Map<UUID, List<String>> linksByMessage);

  /** Puts a deferred message in line for its next try (replacing an earlier place in line). */
  void scheduleRetry(PendingRetry retry);

  /**
   * Takes up to {@code limit} due retries, leased: not given out again before the lease runs out
   * unless rescheduled. A retry is over when its message's outcome is recorded. Those whose stored
   * request cannot be read come apart, with the reason.
   */
  DueRetries takeDueRetries(int limit);

  /**
   * Ends retries that cannot be made: removes them from the line and completes their messages'
   * claims as {@code FAILED} with the reason, unless an outcome is recorded already (kept).
   *
   * @param by the sender ending them, should a message have no claim yet
   * @return the messages failed now: message id → what is known of it
   */
  Map<UUID, FailedMessage> setApartRetries(List<RetrySetApart> apart, String by);

  /**
   * Pushes the watchdog retries of messages still in flight here one lease further: message id →
   * the try in flight (a retry already put back in line for a later try is left alone).
   */
  void renewLeases(Map<UUID, Integer> inFlight);

  /** Completes the claims with their messages' final outcomes, ending any pending retries. */
  void recordOutcomes(List<Outcome> outcomes);

  /** The final outcomes recorded on the messages' claims: message id → outcome, for those done. */
  Map<UUID, Completion> completions(List<SendRequest> requests);
}
