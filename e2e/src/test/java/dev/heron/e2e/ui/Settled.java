package dev.heron.e2e.ui;

import java.time.Duration;

/**
 * A page and the API read one after the other can straddle a late event (a simulated recipient
 * opening a minute on). A comparison that fails is read again, page and API both, a few times
 * before it counts: a real mismatch fails every time, a race does not.
 */
final class Settled {
  private static final int ATTEMPTS = 3;
  private static final Duration PAUSE = Duration.ofSeconds(2);

  interface Check {
    void run() throws Exception;
  }

  static void check(Check check) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
        Thread.sleep(PAUSE.toMillis());
      }
    }
  }

  private Settled() {}
}
