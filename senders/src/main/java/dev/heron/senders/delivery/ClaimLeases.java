package dev.heron.senders.delivery;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages this sender has in flight: claimed (or taken as a due retry) and not yet finished or
 * put back in line. Their watchdog retries are pushed back while this sender lives ({@link
 * DeliveryStore#renewLeases}), so that the lease can be short: after a crash, another sender picks
 * them up within one lease, and never while this one is still working on them.
 */
public final class ClaimLeases {
  private final Map<UUID, Integer> held = new ConcurrentHashMap<>();

  /** Holds the lease of try {@code attempt} of a message. */
  void hold(UUID messageId, int attempt) {
    held.put(messageId, attempt);
  }

  void release(UUID messageId) {
    held.remove(messageId);
  }

  /** Whether this sender has the message in flight now. */
  boolean holds(UUID messageId) {
    return held.containsKey(messageId);
  }

  /** Message id → the try whose lease is held, as of now. */
  public Map<UUID, Integer> held() {
    return Map.copyOf(held);
  }

  /** Pushes the watchdog retries of every message held now one lease further. */
  public void renew(DeliveryStore store) {
    Map<UUID, Integer> now = held();
    if (!now.isEmpty()) {
      store.renewLeases(now);
    }
  }
}
