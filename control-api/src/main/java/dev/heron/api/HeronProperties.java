package dev.heron.api;

import dev.heron.events.Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * The Micronaut configuration of the control API, derived from {@link Settings} so that every key
 * and default lives in one place. Tests start their application context with the same map.
 */
public final class HeronProperties {
  /** Large enough for a million-row CSV import, which is streamed and never held in memory. */
  private static final String MAX_REQUEST_BYTES = "4294967296";

  /**
   * The most a request body that is read whole (JSON, not the streamed import) may carry; the
   * server buffers no more. The largest valid one is a template's: 1,000,000 characters of HTML and
   * 200,000 of text, up to three bytes each in UTF-8, escapes besides.
   */
  public static final long MAX_BODY_BYTES = 8L * 1024 * 1024;

  public static Map<String, Object> fromSettings() {
    Map<String, Object> p = new HashMap<>();
    p.put("micronaut.application.name", "control-api");
    p.put("micronaut.server.port", Settings.getInt(Settings.API_PORT));
    // Controllers and filters do blocking JDBC: keep them off the event loop.
    p.put("micronaut.server.thread-selection", "AUTO");
    p.put("micronaut.server.max-request-size", MAX_REQUEST_BYTES);
    p.put("micronaut.server.multipart.max-file-size", MAX_REQUEST_BYTES);
    p.put("micronaut.server.max-request-buffer-size", MAX_BODY_BYTES);
    p.put("datasources.default.url", Settings.get(Settings.DB_URL));
    p.put("datasources.default.username", Settings.get(Settings.DB_USER));
    p.put("datasources.default.password", Settings.get(Settings.DB_PASSWORD));
    p.put("datasources.default.driver-class-name", "org.postgresql.Driver");
    p.put("datasources.default.dialect", "POSTGRES");
    p.put("datasources.default.maximum-pool-size", 10);
    // The dashboards' pages and scripts (the charts module); their data comes from /api with a key.
    p.put("micronaut.router.static-resources.ui.paths", "classpath:heron-ui");
    p.put("micronaut.router.static-resources.ui.mapping", "/ui/**");
    p.put("endpoints.health.enabled", true);
    p.put("endpoints.health.sensitive", false);
    return p;
  }

  private HeronProperties() {}
}
