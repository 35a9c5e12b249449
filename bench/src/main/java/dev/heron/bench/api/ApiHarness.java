package dev.heron.bench.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heron.api.HeronProperties;
import dev.heron.events.Json;
import dev.heron.events.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/**
 * The real control API started in this JVM on a free port (dispatcher off, so a benchmark's queue
 * is not sent anywhere), with a plain HTTP client and a JDBC connection on the same database.
 */
final class ApiHarness implements AutoCloseable {
  private final ApplicationContext context;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ApiHarness() {
    Map<String, Object> properties = new java.util.HashMap<>(HeronProperties.fromSettings());
    properties.put("micronaut.server.port", -1);
    properties.put("micronaut.server.read-idle-timeout", "30m");
    properties.put("micronaut.server.idle-timeout", "30m");
    properties.put("heron.dispatcher.enabled", "false");
    context = ApplicationContext.run(properties);
    EmbeddedServer server = context.getBean(EmbeddedServer.class);
    if (!server.isRunning()) {
      server.start();
    }
    base = URI.create("http://127.0.0.1:" + server.getPort());
  }

  static Connection jdbc() throws SQLException {
    return DriverManager.getConnection(
        Settings.get(Settings.DB_URL),
        Settings.get(Settings.DB_USER),
        Settings.get(Settings.DB_PASSWORD));
  }

  /** A new tenant; returns {id, apiKey}. */
  String[] tenant(String name) throws IOException, InterruptedException {
    JsonNode created = post("/api/tenants", Settings.get(Settings.ADMIN_KEY), Map.of("name", name));
    return new String[] {
      created.path("tenant").path("id").asText(), created.path("apiKey").asText()
    };
  }

  JsonNode post(String path, String key, Object body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(body)))
            .timeout(Duration.ofMinutes(10))
            .build());
  }

  /** Streams a file as the body: the server reads it as it arrives. */
  JsonNode postFile(String path, String key, Path file, String type)
      throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofFile(file))
            .timeout(Duration.ofMinutes(30))
            .build());
  }

  private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          request.method()
              + " "
              + request.uri().getPath()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return Json.mapper().readTree(response.body());
  }

  @Override
  public void close() {
    context.close();
  }
}
