package dev.heron.e2e.ui;

import dev.heron.events.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Plain SQL on the stack's database, for rows no public API writes (the stream jobs' tables). */
final class Database {
  static void update(String sql, Object... params) {
    try (Connection c =
            DriverManager.getConnection(
                Settings.get(Settings.DB_URL),
                Settings.get(Settings.DB_USER),
                Settings.get(Settings.DB_PASSWORD));
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private Database() {}
}
