package dev.heron.api;

import dev.heron.events.Settings;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.TestInstance;

/**
 * What every API test shares: the application configured from the same settings as production (on a
 * random port), a blocking client, and a fresh tenant per test so tests never depend on what else
 * the shared database holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTestSupport implements TestPropertyProvider {
  @Inject
  @Client("/")
  protected HttpClient httpClient;

  @Override
  public Map<String, String> getProperties() {
    Map<String, String> properties = new HashMap<>();
    HeronProperties.fromSettings().forEach((k, v) -> properties.put(k, String.valueOf(v)));
    properties.put("micronaut.server.port", "-1");
    return properties;
  }

  protected BlockingHttpClient http() {
    return httpClient.toBlocking();
  }

  protected static String adminKey() {
    return Settings.get(Settings.ADMIN_KEY);
  }

  @Serdeable
  public record TenantView(UUID id, String name, String slug) {}

  @Serdeable
  public record CreatedTenant(TenantView tenant, String apiKey) {}

  @Serdeable
  public record ErrorBody(String error, String field) {}

  /** A new tenant with a unique name, and its API key. */
  protected CreatedTenant newTenant() {
    String name = "Test " + UUID.randomUUID();
    return http()
        .retrieve(
            HttpRequest.POST("/api/tenants", Map.of("name", name)).bearerAuth(adminKey()),
            CreatedTenant.class);
  }

  protected <T> T call(MutableHttpRequest<?> request, String key, Class<T> type) {
    return http().retrieve(request.bearerAuth(key), type);
  }

  protected <T> HttpResponse<T> exchange(MutableHttpRequest<?> request, String key, Class<T> type) {
    return http().exchange(request.bearerAuth(key), type);
  }

  /** The error a request is refused with: its status and body. */
  protected record Refusal(int status, ErrorBody body) {}

  protected Refusal refusal(MutableHttpRequest<?> request) {
    try {
      HttpResponse<String> ok = http().exchange(request, String.class);
      throw new AssertionError("expected an error but got " + ok.getStatus() + ": " + ok.body());
    } catch (HttpClientResponseException e) {
      ErrorBody body = e.getResponse().getBody(Argument.of(ErrorBody.class)).orElse(null);
      return new Refusal(e.getStatus().getCode(), body);
    }
  }
}
