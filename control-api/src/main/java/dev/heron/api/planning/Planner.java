package dev.heron.api.planning;

import dev.heron.api.db.Tx;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a campaign's audience on one channel into recipients, queued or held back for an A/B test,
 * by running the planning steps in order, inside the caller's transaction (which holds the
 * campaign's lock): audience → de-duplication → suppression and consent → frequency caps and no
 * repeated marketing template → A/B split → send time → warmup capacity → recipients (a queued
 * recipient is the send queue's row). Contacts planned before are taken out (held-back ones queued
 * when the winner is known), and the lock keeps another plan of the campaign out, so planning again
 * adds only what is new.
 */
@Singleton
public class Planner {
  private final List<PlanStep> steps;

  public Planner() {
    this(standard());
  }

  Planner(List<PlanStep> steps) {
    this.steps = List.copyOf(steps);
  }

  static List<PlanStep> standard() {
    return List.of(
        new AudienceSteps.Audience(),
        new AudienceSteps.Unreachable(),
        new AudienceSteps.DuplicateAddresses(),
        new AudienceSteps.AlreadyPlanned(),
        new RuleSteps.Suppressed(),
        new RuleSteps.WithoutConsent(),
        new RuleSteps.FrequencyCapped(),
        new RuleSteps.SameTemplate(),
        new TimingSteps.AbSplit(),
        new TimingSteps.SendTime(),
        new WarmupStep(),
        new WriteStep());
  }

  public PlanReport plan(Tx tx, PlanRequest request) throws SQLException {
    List<PlanReport.StepResult> results = new ArrayList<>();
    long audience = 0;
    long planned = 0;
    long queued = 0;
    for (PlanStep step : steps) {
      for (PlanReport.StepResult result : step.run(request, tx)) {
        results.add(result);
        switch (result.step()) {
          case "audience" -> audience = result.contacts();
          case "recipients" -> planned = result.contacts();
          case "queued" -> queued = result.contacts();
          default -> {}
        }
      }
    }
    return new PlanReport(request.channel().wireName(), results, audience, planned, queued);
  }

  /** The tenant's frequency cap, or the default. */
  public static FrequencyCap frequencyCap(Tx tx, java.util.UUID tenantId) throws SQLException {
    return FrequencyCap.fromSettings(
        tx.one(dev.heron.api.db.Queries.TENANT_SETTINGS, row -> row.getString(1), tenantId)
            .orElse(null));
  }
}
