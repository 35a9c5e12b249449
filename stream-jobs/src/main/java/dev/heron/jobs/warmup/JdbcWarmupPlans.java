package dev.heron.jobs.warmup;

import dev.heron.jobs.storage.JobQueries;
import dev.heron.jobs.storage.LookupStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Reads {@code warmup_schedules}. The guard asks once per IP when it first sees it, once a day per
 * warming IP, and every few minutes for an IP that is not warming up, so one connection per
 * parallel instance is plenty.
 */
public final class JdbcWarmupPlans implements WarmupPlans {
  private transient LookupStatement lookup;

  @Override
  public void open() throws SQLException {
    lookup = new LookupStatement(JobQueries.FIND_WARMUP_PLAN);
  }

  @Override
  public Optional<WarmupPlan> find(String ip) throws SQLException {
    if (lookup == null) {
      open();
    }
    PreparedStatement statement = lookup.statement();
    statement.setString(1, ip);
    try (ResultSet rs = statement.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new WarmupPlan(
              WarmupPlan.parseSchedule(rs.getString("schedule")),
              rs.getInt("schedule_day"),
              rs.getLong("sent_today"),
              rs.getBoolean("paused"),
              rs.getString("pause_reason"),
              rs.getObject("as_of", java.time.LocalDate.class)));
    }
  }

  @Override
  public void close() throws SQLException {
    if (lookup != null) {
      lookup.close();
      lookup = null;
    }
  }
}
