package dev.heron.api.fuzz;

import dev.heron.api.HeronProperties;
import dev.heron.events.Settings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The real application on a random port, for property tests (jqwik runs outside Micronaut's test
 * extension): requests go through the real HTTP stack, filters and error handlers, and every answer
 * is read whatever its status, redirects not followed.
 */
final class RunningApi implements AutoCloseable {
  /** What came back: the status, the body as text, and where a redirect pointed. */
  record Answer(int status, String body, String location) {}

  /** A tenant of the running API: its id and its key. */
  record Tenant(UUID id, String key) {}

  private final EmbeddedServer server;
  private final HttpClient client;

  private RunningApi(EmbeddedServer server) {
    this.server = server;
    DefaultHttpClientConfiguration config = new DefaultHttpClientConfiguration();
    config.setFollowRedirects(false);
    config.setReadTimeout(java.time.Duration.ofSeconds(60));
    this.client = HttpClient.create(server.getURL(), config);
  }

  static RunningApi start() {
    Map<String, Object> properties = new HashMap<>(HeronProperties.fromSettings());
    properties.put("micronaut.server.port", -1);
    return new RunningApi(ApplicationContext.run(EmbeddedServer.class, properties));
  }

  Answer send(MutableHttpRequest<?> request) {
    try {
      HttpResponse<byte[]> r = client.toBlocking().exchange(request, byte[].class);
      return new Answer(r.code(), text(r.body()), r.header("Location"));
    } catch (HttpClientResponseException e) {
      byte[] body = e.getResponse().getBody(byte[].class).orElse(null);
      return new Answer(e.getStatus().getCode(), text(body), e.getResponse().header("Location"));
    }
  }

  <T> T read(String json, Class<T> type) {
    try {
      return server
          .getApplicationContext()
          .getBean(io.micronaut.json.JsonMapper.class)
          .readValue(json, type);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  Tenant newTenant() {
    Answer created =
        send(
            HttpRequest.POST("/api/tenants", Map.of("name", "Fuzz " + UUID.randomUUID()))
                .bearerAuth(Settings.get(Settings.ADMIN_KEY)));
    Map<?, ?> body = read(created.body(), Map.class);
    Map<?, ?> tenant = (Map<?, ?>) body.get("tenant");
    return new Tenant(
        UUID.fromString(String.valueOf(tenant.get("id"))), String.valueOf(body.get("apiKey")));
  }

  private static String text(byte[] body) {
    return body == null ? "" : new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    client.close();
    server.getApplicationContext().close();
  }
}
