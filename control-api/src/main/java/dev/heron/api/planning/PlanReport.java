package dev.heron.api.planning;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What one planning run on one channel did, step by step: how many contacts each step selected,
 * removed, assigned or wrote. {@code planned} counts the recipients this run wrote (0 when
 * re-planning changed nothing) and {@code queued} those it put on the send queue; the difference is
 * held back for an A/B winner.
 */
@Serdeable
public record PlanReport(
    String channel, List<StepResult> steps, long audience, long planned, long queued) {

  /** One step's effect: {@code contacts} is the number it selected, removed, assigned or wrote. */
  @Serdeable
  public record StepResult(String step, String effect, long contacts) {}
}
