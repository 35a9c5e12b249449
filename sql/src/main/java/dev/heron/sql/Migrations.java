package dev.heron.sql;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Heron's schema: the Flyway migrations under {@code db/migration}, forward only. */
public final class Migrations {
  public static final String LOCATION = "classpath:db/migration";

  /** Brings the database up to the newest migration and returns how many were applied. */
  public static MigrateResult apply(DataSource dataSource) {
    return configure(dataSource).migrate();
  }

  public static Flyway configure(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .validateMigrationNaming(true)
        // Modules number their migrations in ranges of their own, so a newer low number can land
        // after a higher one was applied; it is then applied, not refused.
        .outOfOrder(true)
        .callbacks(new RewordedMigrations())
        .load();
  }

  private Migrations() {}
}
