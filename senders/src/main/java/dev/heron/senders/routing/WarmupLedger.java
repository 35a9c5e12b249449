package dev.heron.senders.routing;

import java.time.LocalDate;

/** Counts messages against sending IPs' daily warmup caps, exactly across all instances. */
public interface WarmupLedger {
  /** Takes one message from {@code ip}'s cap of {@code cap} for {@code day}; false when used up. */
  boolean take(String ip, LocalDate day, long cap);
}
