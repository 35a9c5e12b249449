package dev.heron.sql;

import dev.heron.events.Settings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** {@code bin/heron up} runs this to migrate the database named by the HERON_DB_* settings. */
public final class Migrate {
  public static void main(String[] args) {
    Flyway flyway =
        Flyway.configure()
            .dataSource(
                Settings.get(Settings.DB_URL),
                Settings.get(Settings.DB_USER),
                Settings.get(Settings.DB_PASSWORD))
            .locations(Migrations.LOCATION)
            .load();
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
