package dev.heron.api.planning;

import dev.heron.api.db.Tx;
import java.sql.SQLException;

/**
 * One stage of planning. Steps run in order in one transaction and share the temporary table {@code
 * plan_audience} (contact_id, address, variant, due_at: the contacts still in the plan): the first
 * fills it, filters remove contacts, the split, send-time and warmup steps decide each contact's
 * variant and time, and the last ones write recipients and queue rows.
 */
public interface PlanStep {
  enum Effect {
    SELECTED,
    REMOVED,
    ASSIGNED,
    WRITTEN
  }

  String name();

  Effect effect();

  /**
   * Applies the step and returns how many contacts or rows it selected, removed, assigned or wrote.
   */
  long apply(PlanRequest request, Tx tx) throws SQLException;
}
