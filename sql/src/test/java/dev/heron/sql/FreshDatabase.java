package dev.heron.sql;

import dev.heron.events.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A new, empty database on the local server, for tests that must see exactly what the migrations
 * build; dropped by {@link #drop()}.
 */
final class FreshDatabase {
  private final String name = "heron_test_" + UUID.randomUUID().toString().substring(0, 8);
  private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

  FreshDatabase() throws SQLException {
    try (Connection admin = admin();
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    }
    dataSource.setUrl(
        Settings.get(Settings.DB_URL).replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
    dataSource.setUser(Settings.get(Settings.DB_USER));
    dataSource.setPassword(Settings.get(Settings.DB_PASSWORD));
  }

  PGSimpleDataSource dataSource() {
    return dataSource;
  }

  void drop() throws SQLException {
    try (Connection admin = admin();
        Statement st = admin.createStatement()) {
      st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private static Connection admin() throws SQLException {
    return DriverManager.getConnection(
        Settings.get(Settings.DB_URL),
        Settings.get(Settings.DB_USER),
        Settings.get(Settings.DB_PASSWORD));
  }
}
