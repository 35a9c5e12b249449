package dev.heron.api.planning;

import dev.heron.api.db.Tx;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a campaign's audience into recipients and send-queue rows by running the planning steps in
 * order, inside the caller's transaction (which holds the campaign's lock). Every write is {@code
 * ON CONFLICT DO NOTHING}, so planning again is idempotent.
 */
@Singleton
public class Planner {
  private final List<PlanStep> steps;

  public Planner() {
    this(PlanSteps.standard());
  }

  Planner(List<PlanStep> steps) {
    this.steps = List.copyOf(steps);
  }

  public PlanReport plan(Tx tx, PlanRequest request) throws SQLException {
    List<PlanReport.StepResult> results = new ArrayList<>();
    long audience = 0;
    long planned = 0;
    long queued = 0;
    for (PlanStep step : steps) {
      long n = step.apply(request, tx);
      results.add(
          new PlanReport.StepResult(step.name(), step.effect().name().toLowerCase(Locale.ROOT), n));
      switch (step.name()) {
        case "audience" -> audience = n;
        case "recipients" -> planned = n;
        case "queued" -> queued = n;
        default -> {}
      }
    }
    return new PlanReport(results, audience, planned, queued);
  }
}
