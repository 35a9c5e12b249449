package dev.heron.senders;

import dev.heron.events.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.util.Map;

/**
 * The senders service: the delivery engine, plus {@code GET /health} on {@code HERON_SENDERS_PORT}.
 * All configuration comes from {@link Settings}.
 */
public final class Application {
  public static void main(String[] args) {
    start(args);
  }

  public static ApplicationContext start(String... args) {
    return Micronaut.build(args)
        .mainClass(Application.class)
        .banner(false)
        .properties(properties())
        .start();
  }

  static Map<String, Object> properties() {
    return Map.of(
        "micronaut.application.name",
        "senders",
        "micronaut.server.port",
        Settings.getInt(Settings.SENDERS_PORT),
        "datasources.default.url",
        Settings.get(Settings.DB_URL),
        "datasources.default.username",
        Settings.get(Settings.DB_USER),
        "datasources.default.password",
        Settings.get(Settings.DB_PASSWORD),
        "datasources.default.driver-class-name",
        "org.postgresql.Driver",
        "datasources.default.maximum-pool-size",
        8,
        "endpoints.health.enabled",
        true,
        "endpoints.health.sensitive",
        false,
        "endpoints.health.details-visible",
        "ANONYMOUS");
  }

  private Application() {}
}
