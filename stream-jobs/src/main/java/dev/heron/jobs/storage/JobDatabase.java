package dev.heron.jobs.storage;

import dev.heron.events.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** How the jobs' own JDBC code (not the Flink JDBC sinks, see {@link JdbcSinks}) connects. */
public final class JobDatabase {
  private JobDatabase() {}

  /** A new connection to the database named by the {@code HERON_DB_*} settings. */
  public static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        Settings.get(Settings.DB_URL),
        Settings.get(Settings.DB_USER),
        Settings.get(Settings.DB_PASSWORD));
  }
}
