package dev.heron.api.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPauseTest {
  @Test
  void thePauseDoublesFrom200MillisecondsUpTo5Seconds() {
    assertThat(RetryPause.after(1)).isEqualTo(Duration.ofMillis(200));
    assertThat(RetryPause.after(2)).isEqualTo(Duration.ofMillis(400));
    assertThat(RetryPause.after(5)).isEqualTo(Duration.ofMillis(3200));
    assertThat(RetryPause.after(6)).isEqualTo(Duration.ofSeconds(5));
    assertThat(RetryPause.after(40)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void anInterruptedPauseSaysSoAndKeepsTheInterrupt() {
    RetryPause pause = new RetryPause();
    Thread.currentThread().interrupt();
    assertThat(pause.afterFailure()).isFalse();
    assertThat(Thread.interrupted()).as("the flag, set again (and cleared here)").isTrue();
  }
}
