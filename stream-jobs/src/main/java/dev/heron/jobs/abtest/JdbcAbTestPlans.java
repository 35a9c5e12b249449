package dev.heron.jobs.abtest;

import dev.heron.jobs.storage.JobQueries;
import dev.heron.jobs.storage.LookupStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Reads {@code ab_tests}; asked once per campaign, and again now and then for none found. */
public final class JdbcAbTestPlans implements AbTestPlans {
  private transient LookupStatement lookup;

  @Override
  public void open() throws SQLException {
    lookup = new LookupStatement(JobQueries.FIND_AB_TEST);
  }

  @Override
  public Optional<AbTestPlan> find(String campaignId) throws SQLException {
    if (lookup == null) {
      open();
    }
    PreparedStatement statement = lookup.statement();
    statement.setObject(1, UUID.fromString(campaignId));
    try (ResultSet rs = statement.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      OffsetDateTime ends = rs.getObject("window_ends_at", OffsetDateTime.class);
      return Optional.of(
          new AbTestPlan(
              rs.getString("id"),
              rs.getString("metric"),
              ends == null ? -1 : ends.toInstant().toEpochMilli(),
              "decided".equals(rs.getString("status"))));
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
