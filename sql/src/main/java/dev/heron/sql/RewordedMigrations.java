package dev.heron.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Migrations whose comments were once reworded on main and then put back to their released text.
 * Flyway checksums the whole file, comments included, so a database that ran the reworded text
 * would refuse to start ("checksum mismatch"). Before Flyway validates, such a database's history
 * gets the released text's checksum, for exactly these checksums only: any other change to an
 * applied migration still fails validation ({@code MigrationsTest} guards the files themselves).
 */
final class RewordedMigrations extends BaseCallback {
  /** A migration's checksum as reworded, and as released. */
  record Rewording(String version, int reworded, int released) {}

  static final List<Rewording> KNOWN =
      List.of(
          // V48: comments reworded in 3d0f855, put back in 87292ba; the SQL is the same.
          new Rewording("48", 1460465550, -879195369));

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.BEFORE_VALIDATE;
  }

  @Override
  public void handle(Event event, Context context) {
    String table = context.getConfiguration().getTable();
    try {
      Connection c = context.getConnection();
      if (!exists(c, table)) {
        return; // a new database: nothing ran yet
      }
      // The name is Flyway's configured table, not input.
      try (PreparedStatement st =
          c.prepareStatement(
              "UPDATE " + table + " SET checksum = ? WHERE version = ? AND checksum = ?")) {
        for (Rewording r : KNOWN) {
          st.setInt(1, r.released());
          st.setString(2, r.version());
          st.setInt(3, r.reworded());
          st.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new FlywayException("cannot align the checksums of reworded migrations", e);
    }
  }

  private static boolean exists(Connection c, String table) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
