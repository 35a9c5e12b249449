package dev.heron.bench.send;

import dev.heron.simulator.Journal;
import dev.heron.simulator.RunningSimulator;
import dev.heron.simulator.smtp.DeliveryOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Waits for the simulator to accept a set of messages by reading only the delivery-journal entries
 * added since its last look, so that the wait costs the same small amount whichever side of the
 * benchmark's ratio is sending. Starts reading at the journal's position when it is created: create
 * it before the first message goes.
 */
final class AcceptanceWatch {
  static final Duration POLL = Duration.ofMillis(100);

  private final RunningSimulator sim;
  private final Set<String> pending;
  private final int expected;
  private final List<DeliveryOutcome> accepted = new ArrayList<>();
  private long position;

  /**
   * @param messageIds the Message-IDs (without angle brackets) the simulator must accept
   */
  AcceptanceWatch(RunningSimulator sim, Set<String> messageIds) {
    this.sim = sim;
    this.pending = new HashSet<>(messageIds);
    this.expected = messageIds.size();
    this.position = sim.deliveriesPosition();
  }

  /**
   * Returns each expected message's first acceptance, in the order the simulator recorded them,
   * once every one was accepted; fails when no new one came within {@code stall}, or at once when
   * the sending side has ended without every message accepted.
   *
   * @param whenStalled what to look at when it fails (a log, say)
   * @param sendingEnded true once nothing more will be sent (it may also throw, with the reason)
   */
  List<DeliveryOutcome> await(Duration stall, String whenStalled, BooleanSupplier sendingEnded)
      throws InterruptedException {
    Instant progressAt = Instant.now();
    while (true) {
      int before = pending.size();
      // Asked before reading: an end seen here means the read below holds all that was sent.
      boolean ended = sendingEnded.getAsBoolean();
      read();
      if (pending.isEmpty()) {
        return List.copyOf(accepted);
      }
      if (ended) {
        throw new IllegalStateException(
            "the sending ended with "
                + accepted.size()
                + " of "
                + expected
                + " accepted by the simulator; see "
                + whenStalled);
      }
      if (pending.size() < before) {
        progressAt = Instant.now();
      } else if (Instant.now().isAfter(progressAt.plus(stall))) {
        throw new IllegalStateException(
            "stalled at "
                + accepted.size()
                + " of "
                + expected
                + " accepted by the simulator; see "
                + whenStalled);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void read() {
    Journal.Since<DeliveryOutcome> since = sim.deliveriesSince(position);
    if (since.missed() > 0) {
      throw new IllegalStateException(
          since.missed()
              + " delivery outcomes left the simulator's memory before they were read: its"
              + " memory is too small for this run");
    }
    position = since.next();
    for (DeliveryOutcome d : since.entries()) {
      if (d.accepted() && d.messageId() != null && pending.remove(d.messageId())) {
        accepted.add(d);
      }
    }
  }
}
