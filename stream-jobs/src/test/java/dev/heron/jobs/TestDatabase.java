package dev.heron.jobs;

import dev.heron.events.Settings;
import dev.heron.sql.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The PostgreSQL of the {@code HERON_DB_*} settings, migrated once per JVM. */
public final class TestDatabase {
  private static DataSource dataSource;

  private TestDatabase() {}

  public static synchronized DataSource get() {
    if (dataSource == null) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(Settings.get(Settings.DB_URL));
      ds.setUser(Settings.get(Settings.DB_USER));
      ds.setPassword(Settings.get(Settings.DB_PASSWORD));
      Migrations.apply(ds);
      dataSource = ds;
    }
    return dataSource;
  }

  public static Connection connect() throws SQLException {
    return get().getConnection();
  }
}
