package dev.heron.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database that ran V48 with its once-reworded comments starts with the released text, and any
 * other change to an applied migration is still refused.
 */
class RewordedMigrationsTest {
  private static FreshDatabase database;

  @BeforeAll
  static void migrate() throws SQLException {
    database = new FreshDatabase();
    Migrations.apply(database.dataSource());
  }

  @AfterAll
  static void drop() throws SQLException {
    database.drop();
  }

  @Test
  void aDatabaseThatRanTheRewordedV48Starts() throws SQLException {
    RewordedMigrations.Rewording v48 = RewordedMigrations.KNOWN.get(0);
    setChecksumOf48(v48.reworded());

    assertThat(Migrations.apply(database.dataSource()).success).isTrue();
    assertThat(checksumOf48()).isEqualTo(v48.released());
  }

  @Test
  void anyOtherChecksumOfAnAppliedMigrationIsStillRefused() throws SQLException {
    int released = RewordedMigrations.KNOWN.get(0).released();
    setChecksumOf48(released + 1);
    try {
      assertThatThrownBy(() -> Migrations.apply(database.dataSource()))
          .isInstanceOf(FlywayValidateException.class)
          .hasMessageContaining("48");
    } finally {
      setChecksumOf48(released);
    }
  }

  private static void setChecksumOf48(int checksum) throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate(
          "UPDATE flyway_schema_history SET checksum = " + checksum + " WHERE version = '48'");
    }
  }

  private static int checksumOf48() throws SQLException {
    try (Connection c = database.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT checksum FROM flyway_schema_history WHERE version = '48'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
