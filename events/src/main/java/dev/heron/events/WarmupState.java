package dev.heron.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Where one sending IP stands in its warmup, latest value per ip on the compacted {@link
 * Topics#WARMUP}. A {@code dailyCap} of -1 means unlimited.
 */
public record WarmupState(
    String ip,
    LocalDate day,
    int scheduleDay,
    long dailyCap,
    long sentToday,
    boolean paused,
    String pauseReason,
    Instant updatedAt) {

  public static final long UNLIMITED = -1;

  /** How many more messages this IP may send today. */
  public long remainingToday() {
    if (paused) {
      return 0;
    }
    return dailyCap == UNLIMITED ? Long.MAX_VALUE : Math.max(0, dailyCap - sentToday);
  }
}
