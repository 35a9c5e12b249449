package dev.heron.api.planning;

import dev.heron.api.db.Queries;
import dev.heron.api.db.Tx;
import java.sql.SQLException;

/** The steps that write what the plan decided. */
final class WriteSteps {

  /** One recipient per contact left, queued or held back for the A/B winner. */
  static final class Recipients implements PlanStep {
    public String name() {
      return "recipients";
    }

    public Effect effect() {
      return Effect.WRITTEN;
    }

    public long apply(PlanRequest request, Tx tx) throws SQLException {
      return tx.update(
          Queries.PLAN_WRITE_RECIPIENTS,
          request.tenantId(),
          request.campaignId(),
          request.channel().wireName(),
          request.split().variants().get(0));
    }
  }

  /** The queued recipients go on the send queue, each at its due time. */
  static final class Enqueue implements PlanStep {
    public String name() {
      return "queued";
    }

    public Effect effect() {
      return Effect.WRITTEN;
    }

    public long apply(PlanRequest request, Tx tx) throws SQLException {
      return tx.update(Queries.PLAN_ENQUEUE, request.campaignId(), request.channel().wireName());
    }
  }

  private WriteSteps() {}
}
