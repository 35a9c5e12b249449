package dev.heron.sql;

import dev.heron.events.Settings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.postgresql.ds.PGSimpleDataSource;

/** {@code bin/heron up} runs this to migrate the database named by the HERON_DB_* settings. */
public final class Migrate {
  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "migrate-logback.xml");
    }
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(Settings.get(Settings.DB_URL));
    dataSource.setUser(Settings.get(Settings.DB_USER));
    dataSource.setPassword(Settings.get(Settings.DB_PASSWORD));
    Flyway flyway = Migrations.configure(dataSource);
    MigrateResult result = flyway.migrate();
    System.out.printf(
        "schema at version %s (%d migration(s) applied)%n",
        result.targetSchemaVersion != null
            ? result.targetSchemaVersion
            : flyway.info().current().getVersion(),
        result.migrationsExecuted);
  }

  private Migrate() {}
}
