package dev.heron.api;

import dev.heron.sql.Migrations;
import io.micronaut.context.annotation.Context;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PostConstruct;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the database schema up to date before anything else in the service touches it. */
@Context
public class Schema {
  private static final Logger LOG = LoggerFactory.getLogger(Schema.class);
  private final DataSource dataSource;

  public Schema(DataSource dataSource, DataSourceResolver resolver) {
    // Flyway manages its own connections and transactions: give it the pool, not the
    // transaction-bound proxy that Micronaut injects.
    this.dataSource = resolver.resolve(dataSource);
  }

  @PostConstruct
  void migrate() {
    var result = Migrations.apply(dataSource);
    LOG.info(
        "schema at version {} ({} migration(s) applied)",
        Migrations.configure(dataSource).info().current().getVersion(),
        result.migrationsExecuted);
  }
}
