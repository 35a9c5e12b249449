package dev.heron.api.planning;

import dev.heron.api.db.Queries;
import dev.heron.api.db.Tx;
import java.sql.SQLException;

/** Which variant each contact gets, and when its message is due. */
final class TimingSteps {

  /**
   * A/B split: with a running test, a deterministic test fraction is split among the variants and
   * the rest is held back for the winner; after the decision everyone new gets the winner. Without
   * a test nothing is assigned here (the recipients step writes the one variant).
   */
  static final class AbSplit implements PlanStep {
    public String name() {
      return "ab-split";
    }

    public Effect effect() {
      return Effect.ASSIGNED;
    }

    public long apply(PlanRequest request, Tx tx) throws SQLException {
      Split split = request.split();
      if (split.winner() != null) {
        return tx.update(
            Queries.PLAN_SPLIT,
            Split.BUCKETS,
            java.util.List.of(split.winner()),
            java.util.List.of(),
            seed(request));
      }
      if (!split.isTesting()) {
        return 0;
      }
      long updated =
          tx.update(
              Queries.PLAN_SPLIT,
              split.testBuckets(),
              split.variants(),
              split.thresholds(),
              seed(request));
      return updated - tx.one(Queries.PLAN_COUNT_HELD, row -> row.getLong(1)).orElse(0L);
    }

    /** The same campaign always splits a contact the same way; another campaign differently. */
    private static long seed(PlanRequest request) {
      return request.campaignId().getMostSignificantBits();
    }
  }

  /** Send-time optimization: each contact's best hour within the campaign's window. */
  static final class SendTime implements PlanStep {
    public String name() {
      return "send-time";
    }

    public Effect effect() {
      return Effect.ASSIGNED;
    }

    public long apply(PlanRequest request, Tx tx) throws SQLException {
      if (!request.sendTimeOptimization()) {
        return 0;
      }
      return tx.update(
          Queries.PLAN_SEND_TIME,
          request.tenantId(),
          request.effectiveWindowStart(),
          request.effectiveWindowEnd());
    }
  }

  private TimingSteps() {}
}
