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
        .load();
  }

  private Migrations() {}
}
