package dev.heron.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WarmupStateTest {
  private static WarmupState state(long cap, long sent, boolean paused) {
    return new WarmupState(
        "127.0.0.2", LocalDate.of(2026, 11, 23), 3, cap, sent, paused, null, Instant.EPOCH);
  }

  @Test
  void remainingIsCapMinusSentAndNeverNegative() {
    assertThat(state(100, 40, false).remainingToday()).isEqualTo(60);
    assertThat(state(100, 140, false).remainingToday()).isZero();
  }

  @Test
  void pausedIpHasNothingLeftAndUnlimitedHasNoCap() {
    assertThat(state(100, 0, true).remainingToday()).isZero();
    assertThat(state(WarmupState.UNLIMITED, 1_000_000, false).remainingToday())
        .isEqualTo(Long.MAX_VALUE);
  }
}
