package dev.heron.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** One statement with its parameters, for this module's tests. */
final class Statements {
  static void execute(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, params)) {
      s.execute();
    }
  }

  static void update(DataSource db, String sql, Object... params) throws SQLException {
    try (Connection c = db.getConnection()) {
      execute(c, sql, params);
    }
  }

  /** The first column of the first row, or null. */
  static <T> T first(DataSource db, Class<T> type, String sql, Object... params)
      throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = prepare(c, sql, params);
        ResultSet rows = s.executeQuery()) {
      return rows.next() ? rows.getObject(1, type) : null;
    }
  }

  static long count(DataSource db, String sql, Object... params) throws SQLException {
    return first(db, Long.class, sql, params);
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      s.setObject(i + 1, params[i]);
    }
    return s;
  }

  private Statements() {}
}
