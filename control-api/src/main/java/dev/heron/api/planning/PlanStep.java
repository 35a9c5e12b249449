package dev.heron.api.planning;

import dev.heron.api.db.Tx;
import java.sql.SQLException;

/**
 * One stage of planning. Steps run in order in one transaction and share the temporary table {@code
 * plan_audience} (the contacts still in the plan): the first fills it, filters remove contacts from
 * it, the last ones write recipients and queue rows. Later stages (frequency caps, A/B split, send
 * time, warmup capacity) are further steps between the filters and the writers.
 */
public interface PlanStep {
  enum Effect {
    SELECTED,
    REMOVED,
    WRITTEN
  }

  String name();

  Effect effect();

  /** Applies the step and returns how many contacts or rows it selected, removed or wrote. */
  long apply(PlanRequest request, Tx tx) throws SQLException;
}
