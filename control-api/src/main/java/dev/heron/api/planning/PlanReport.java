package dev.heron.api.planning;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * What one planning run did, step by step: how many contacts each step kept, removed or wrote.
 * {@code planned} counts the recipients this run added (0 when re-planning changed nothing).
 */
@Serdeable
public record PlanReport(List<StepResult> steps, long audience, long planned, long queued) {

  /** One step's effect: {@code contacts} is the number it selected, removed or wrote. */
  @Serdeable
  public record StepResult(String step, String effect, long contacts) {}
}
