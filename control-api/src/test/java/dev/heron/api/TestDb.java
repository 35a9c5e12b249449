package dev.heron.api;

import dev.heron.events.Settings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC on the test database, for seeding what other components write and for checks. */
public final class TestDb {
  public static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        Settings.get(Settings.DB_URL),
        Settings.get(Settings.DB_USER),
        Settings.get(Settings.DB_PASSWORD));
  }

  public static int update(String sql, Object... params) {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, params);
      return s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Every row as a column → value map, in the query's order. */
  public static List<Map<String, Object>> rows(String sql, Object... params) {
    try (Connection c = connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, params);
      try (ResultSet r = s.executeQuery()) {
        List<Map<String, Object>> rows = new ArrayList<>();
        while (r.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
            row.put(r.getMetaData().getColumnLabel(i), r.getObject(i));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public static long count(String sql, Object... params) {
    return ((Number) rows(sql, params).get(0).values().iterator().next()).longValue();
  }

  private static void bind(PreparedStatement s, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      if (params[i] instanceof java.time.Instant t) {
        s.setTimestamp(i + 1, java.sql.Timestamp.from(t));
      } else {
        s.setObject(i + 1, params[i]);
      }
    }
  }

  private TestDb() {}
}
