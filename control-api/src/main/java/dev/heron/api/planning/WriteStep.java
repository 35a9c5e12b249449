package dev.heron.api.planning;

import dev.heron.api.db.Queries;
import dev.heron.api.db.Tx;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes what the plan decided: one recipient per contact left (queued, or held back for the A/B
 * winner), and the queued ones on the send queue at their due time. One statement writes both
 * tables, so a million-contact plan reads its audience once and never looks its recipients up
 * again; it reports the two parts as the steps "recipients" and "queued".
 */
final class WriteStep implements PlanStep {
  private record Written(long recipients, long queued) {}

  public String name() {
    return "recipients";
  }

  public Effect effect() {
    return Effect.WRITTEN;
  }

  public long apply(PlanRequest request, Tx tx) throws SQLException {
    return write(request, tx).recipients();
  }

  @Override
  public List<PlanReport.StepResult> run(PlanRequest request, Tx tx) throws SQLException {
    Written written = write(request, tx);
    return List.of(
        PlanStep.result("recipients", Effect.WRITTEN, written.recipients()),
        PlanStep.result("queued", Effect.WRITTEN, written.queued()));
  }

  private static Written write(PlanRequest request, Tx tx) throws SQLException {
    return tx.one(
            Queries.PLAN_WRITE,
            row -> new Written(row.getLong("recipients"), row.getLong("queued")),
            request.tenantId(),
            request.campaignId(),
            request.channel().wireName(),
            request.split().variants().get(0))
        .orElseThrow();
  }
}
