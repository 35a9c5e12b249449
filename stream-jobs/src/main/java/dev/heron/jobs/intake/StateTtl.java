package dev.heron.jobs.intake;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/** How long keyed state lives after it was last written, and how its expired entries go. */
public final class StateTtl {
  /**
   * Entries the heap backend checks for expiry at each access of a state. Flink's default of five
   * made the checks (a walk over the state table) more than half of the per-message operator's
   * time; one is enough, as a state gets at most one new entry per access, so the walk still
   * outpaces the entries it has to remove.
   */
  static final int CLEANUP_ENTRIES_PER_ACCESS = 1;

  private StateTtl() {}

  /** Kept until {@code ttl} after its last write; an expired value is never returned. */
  public static StateTtlConfig afterLastWrite(Duration ttl) {
    return StateTtlConfig.newBuilder(ttl)
        .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
        .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
        .cleanupIncrementally(CLEANUP_ENTRIES_PER_ACCESS, false)
        .build();
  }
}
