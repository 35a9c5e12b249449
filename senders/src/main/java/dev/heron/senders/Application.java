package dev.heron.senders;

import dev.heron.events.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The senders service: the delivery engine, plus {@code GET /health} on {@code HERON_SENDERS_PORT}.
 * All configuration comes from {@link Settings}.
 */
public final class Application {
  private static final Logger LOG = LoggerFactory.getLogger(Application.class);

  public static void main(String[] args) {
    start(args);
  }

  public static ApplicationContext start(String... args) {
    ApplicationContext context =
        Micronaut.build(args)
            .mainClass(Application.class)
            .banner(false)
            .properties(properties())
            .start();
    // The port actually bound: HERON_SENDERS_PORT=-1 lets the server choose one.
    LOG.info("health on port {}", context.getBean(EmbeddedServer.class).getPort());
    return context;
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
