package dev.heron.api.planning;

import dev.heron.api.db.Tx;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * One stage of planning. Steps run in order in one transaction and share the temporary table {@code
 * plan_audience} (contact_id, address, variant, due_at, without_consent: the contacts still in the
 * plan): the first fills it, filters remove contacts, the split, send-time and warmup steps decide
 * each contact's variant and time, and the last one writes the recipients (a queued recipient is
 * the send queue's row).
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

  /**
   * Runs the step and reports it. A step that does the work of two (recipients written, and of
   * those the queued ones) reports each part under its own name.
   */
  default List<PlanReport.StepResult> run(PlanRequest request, Tx tx) throws SQLException {
    return List.of(result(name(), effect(), apply(request, tx)));
  }

  static PlanReport.StepResult result(String name, Effect effect, long contacts) {
    return new PlanReport.StepResult(name, effect.name().toLowerCase(Locale.ROOT), contacts);
  }
}
