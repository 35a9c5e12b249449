package dev.heron.jobs;

import dev.heron.events.Settings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL of the {@code HERON_DB_*} settings. It is migrated already: {@code bin/heron up}
 * and {@code bin/heron test} apply the migrations before anything runs against it.
 */
public final class TestDatabase {
  private static DataSource dataSource;

  private TestDatabase() {}

  public static synchronized DataSource get() {
    if (dataSource == null) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(Settings.get(Settings.DB_URL));
      ds.setUser(Settings.get(Settings.DB_USER));
      ds.setPassword(Settings.get(Settings.DB_PASSWORD));
      dataSource = ds;
    }
    return dataSource;
  }

  public static Connection connect() throws SQLException {
    return get().getConnection();
  }

  /** Runs one statement with its parameters bound in order. */
  public static void execute(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      st.executeUpdate();
    }
  }
}
