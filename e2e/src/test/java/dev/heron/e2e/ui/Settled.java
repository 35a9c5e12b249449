package dev.heron.e2e.ui;

import java.time.Duration;
import java.time.Instant;

/**
 * A page and the API read one after the other can straddle a late event (a simulated recipient
 * opening a minute on). A comparison that fails is read again, page and API both, until it holds or
 * a deadline passes: a real mismatch fails every time, a race does not. The deadline is a span of
 * time rather than a number of tries, because on a loaded machine a late event can take tens of
 * seconds through the pipeline.
 */
final class Settled {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Duration PAUSE = Duration.ofSeconds(2);

  interface Check {
    void run() throws Exception;
  }

  static void check(Check check) throws Exception {
    Instant giveUp = Instant.now().plus(DEADLINE);
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (Instant.now().isAfter(giveUp)) {
          throw e;
        }
        Thread.sleep(PAUSE.toMillis());
      }
    }
  }

  private Settled() {}
}
