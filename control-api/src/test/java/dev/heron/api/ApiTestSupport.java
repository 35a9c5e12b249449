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
    // The client's 10 s default fails a plan or an import that a loaded CI machine makes slow.
    properties.put("micronaut.http.client.read-timeout", "120s");
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

  @Serdeable
  public record RowError(long line, String field, String reason) {}

  @Serdeable
  public record ImportView(
      UUID id,
      String status,
      long rowsRead,
      long rowsInserted,
      long rowsUpdated,
      long rowsFailed,
      UUID listId,
      String failure,
      java.util.List<RowError> errors) {}

  @Serdeable
  public record Audience(java.util.List<UUID> lists) {}

  @Serdeable
  public record CampaignView(
      UUID id,
      String name,
      String status,
      String channel,
      String messageClass,
      UUID templateId,
      Integer templateVersion,
      UUID senderIdentityId,
      Audience audience,
      Map<String, Long> recipients) {}

  @Serdeable
  public record StepResult(String step, String effect, long contacts) {}

  @Serdeable
  public record PlanView(
      java.util.List<StepResult> steps, long audience, long planned, long queued) {}

  @Serdeable
  public record Planned(CampaignView campaign, PlanView plan) {}

  /** A tenant's ready-made sending set-up: an identity, a list and an approved email template. */
  public record Setup(String key, UUID identityId, UUID listId, UUID templateId) {}

  protected Setup setup(CreatedTenant tenant) {
    String key = tenant.apiKey();
    Map<?, ?> identity =
        call(
            HttpRequest.POST(
                "/api/sender-identities",
                Map.of(
                    "domain", "news.heron.test",
                    "fromAddress", "hello@news.heron.test",
                    "fromName", "Heron \"Test\"")),
            key,
            Map.class);
    Map<?, ?> list =
        call(HttpRequest.POST("/api/lists", Map.of("name", "Newsletter")), key, Map.class);
    Map<?, ?> template =
        call(
            HttpRequest.POST(
                "/api/templates",
                Map.of(
                    "name", "Welcome",
                    "channel", "email",
                    "subject", "Hello {{firstName}}",
                    "html", "<p>Hi {{firstName}} <a href=\"https://shop.heron.test/a\">a</a></p>",
                    "text", "Hi {{firstName}}")),
            key,
            Map.class);
    return new Setup(
        key,
        UUID.fromString((String) identity.get("id")),
        UUID.fromString((String) list.get("id")),
        UUID.fromString((String) template.get("id")));
  }

  protected ImportView importCsv(String key, String listParam, String csv) {
    String path = "/api/contacts/import" + (listParam == null ? "" : "?list=" + listParam);
    return call(HttpRequest.POST(path, csv).contentType("text/csv"), key, ImportView.class);
  }

  protected CampaignView newCampaign(Setup setup, String messageClass) {
    return call(
        HttpRequest.POST(
            "/api/campaigns",
            Map.of(
                "name",
                "Campaign " + UUID.randomUUID(),
                "channel",
                "email",
                "messageClass",
                messageClass,
                "templateId",
                setup.templateId(),
                "senderIdentityId",
                setup.identityId(),
                "audience",
                Map.of("lists", java.util.List.of(setup.listId())))),
        setup.key(),
        CampaignView.class);
  }

  protected Planned launch(String key, UUID campaignId) {
    return call(
        HttpRequest.POST("/api/campaigns/" + campaignId + "/launch", Map.of()), key, Planned.class);
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
