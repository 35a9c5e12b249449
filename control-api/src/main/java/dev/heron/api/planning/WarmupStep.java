package dev.heron.api.planning;

import dev.heron.api.db.Queries;
import dev.heron.api.db.Tx;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Warmup capacity: when the campaign's warmup switch is on, its messages are spread over the days
 * its pool's warmup caps allow, most engaged contacts (opened in the last 90 days) first. Contacts
 * beyond the planning horizon leave the plan; a later re-plan takes them.
 */
final class WarmupStep implements PlanStep {
  public String name() {
    return "warmup";
  }

  public Effect effect() {
    return Effect.REMOVED;
  }

  public long apply(PlanRequest request, Tx tx) throws SQLException {
    if (request.warmupPool() == null) {
      return 0;
    }
    List<WarmupCapacity.Ip> ips =
        tx.list(
            Queries.PLAN_WARMUP_IPS,
            row -> {
              String schedule = row.getString("schedule");
              return new WarmupCapacity.Ip(
                  row.getString("ip"),
                  schedule == null ? null : WarmupCapacity.parse(schedule),
                  row.getInt("schedule_day"),
                  row.getBoolean("paused"),
                  row.getLong("sent_today"));
            },
            request.warmupPool());
    Map<Integer, Long> queued = new HashMap<>();
    tx.list(
        Queries.PLAN_WARMUP_QUEUED,
        row -> queued.put(row.getInt("day"), row.getLong("n")),
        request.campaignId(),
        request.warmupPool());
    WarmupCapacity.Spread spread = WarmupCapacity.spread(ips, queued);
    if (spread.thresholds().isEmpty()) {
      return 0;
    }
    tx.update(Queries.PLAN_WARMUP_SPREAD, spread.horizon(), spread.thresholds());
    return tx.update(Queries.PLAN_WARMUP_DROP_BEYOND);
  }
}
