package dev.heron.jobs.abtest;

import dev.heron.events.Settings;
import dev.heron.jobs.storage.JobQueries;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** Reads {@code ab_tests}; asked once per campaign, and again now and then for none found. */
public final class JdbcAbTestPlans implements AbTestPlans {
  private transient Connection connection;
  private transient PreparedStatement find;

  @Override
  public void open() throws SQLException {
    connection =
        DriverManager.getConnection(
            Settings.get(Settings.DB_URL),
            Settings.get(Settings.DB_USER),
            Settings.get(Settings.DB_PASSWORD));
    find = connection.prepareStatement(JobQueries.load().get(JobQueries.FIND_AB_TEST));
  }

  @Override
  public Optional<AbTestPlan> find(String campaignId) throws SQLException {
    if (connection == null || !connection.isValid(2)) {
      close();
      open();
    }
    find.setObject(1, UUID.fromString(campaignId));
    try (ResultSet rs = find.executeQuery()) {
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
    if (connection != null) {
      connection.close();
      connection = null;
    }
  }
}
