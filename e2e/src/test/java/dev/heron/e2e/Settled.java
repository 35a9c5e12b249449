package dev.heron.e2e;

import java.time.Duration;
import java.time.Instant;

/**
 * Two reads one after the other (a page and the API, the archive and the buckets) can straddle a
 * late event (a simulated recipient opening a minute on). A comparison that fails is read again,
 * both sides, until it holds or a deadline passes: a real mismatch fails every time, a race does
 * not. The deadline is a span of time rather than a number of tries, because on a loaded machine a
 * late event can take tens of seconds through the pipeline.
 */
public final class Settled {
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final Duration PAUSE = Duration.ofSeconds(2);

  public interface Check {
    void run() throws Exception;
  }

  public static void check(Check check) throws Exception {
    check(DEADLINE, check);
  }

  public static void check(Duration deadline, Check check) throws Exception {
    Instant giveUp = Instant.now().plus(deadline);
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
