package dev.heron.jobs.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * One of the jobs' queries ({@link JobQueries}) prepared on a connection of its own, which is
 * opened again when it has gone bad (a restarted database, a dropped socket): what the jobs'
 * lookups (A/B tests, warmup plans, contact time zones) read through. Not thread-safe: one per
 * operator instance, used on its task's thread.
 */
public final class LookupStatement implements AutoCloseable {
  private final String query;
  private Connection connection;
  private PreparedStatement statement;

  /** Connects and prepares {@code query} at once, so that a job that cannot read fails at start. */
  public LookupStatement(String query) throws SQLException {
    this.query = query;
    statement();
  }

  /** The prepared statement, on a connection checked first and opened again if it went bad. */
  public PreparedStatement statement() throws SQLException {
    if (connection == null || !connection.isValid(2)) {
      close();
      Connection fresh = JobDatabase.connect();
      try {
        statement = fresh.prepareStatement(JobQueries.load().get(query));
      } catch (SQLException e) {
        fresh.close();
        throw e;
      }
      connection = fresh;
    }
    return statement;
  }

  @Override
  public void close() throws SQLException {
    if (connection != null) {
      Connection closing = connection;
      connection = null;
      statement = null;
      closing.close();
    }
  }
}
