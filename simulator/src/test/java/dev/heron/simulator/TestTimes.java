package dev.heron.simulator;

import java.time.Duration;

/** How long this module's tests wait for what a simulator, a socket or a process has to do. */
public final class TestTimes {
  /**
   * Generous, because a CI machine at a load of 10 can take tens of seconds for what takes one
   * here; waiting costs nothing when it is quicker.
   */
  public static final Duration PATIENCE = Duration.ofSeconds(90);

  private TestTimes() {}
}
