package dev.heron.api.planning;

import dev.heron.api.db.Queries;
import dev.heron.api.db.Tx;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes what the plan decided: contacts held back for an A/B test and planned now with the winner
 * have their recipients queued; every other contact left gets a new recipient, queued at its due
 * time or held back. A queued recipient is the send queue's row (V48), so a million-contact plan
 * writes a million rows with one plain insert; it reports the steps "recipients" (written) and
 * "queued" (of those, on the queue).
 */
final class WriteStep implements PlanStep {
  public String name() {
    return "recipients";
  }

  public Effect effect() {
    return Effect.WRITTEN;
  }

  public long apply(PlanRequest request, Tx tx) throws SQLException {
    return run(request, tx).get(0).contacts();
  }

  @Override
  public List<PlanReport.StepResult> run(PlanRequest request, Tx tx) throws SQLException {
    long winners =
        tx.one(
                Queries.PLAN_QUEUE_HELD,
                row -> row.getLong(1),
                request.campaignId(),
                request.channel().wireName())
            .orElseThrow();
    long written =
        tx.update(
            Queries.PLAN_WRITE,
            request.tenantId(),
            request.campaignId(),
            request.channel().wireName(),
            request.split().variants().get(0));
    // Only a running A/B test holds contacts back; otherwise every new recipient is queued.
    long queued =
        request.split().isTesting()
            ? tx.one(Queries.PLAN_COUNT_NEW, row -> row.getLong("queued")).orElseThrow()
            : written;
    return List.of(
        PlanStep.result("recipients", Effect.WRITTEN, winners + written),
        PlanStep.result("queued", Effect.WRITTEN, winners + queued));
  }
}
