package dev.heron.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class TenancyTest extends ApiTestSupport {

  @Test
  void healthIsUpWhenTheDatabaseIs() {
    var response = http().exchange(HttpRequest.GET("/health"), Map.class);
    assertThat(response.code()).isEqualTo(200);
    assertThat(response.body()).containsEntry("status", "UP");
  }

  @Test
  void anAdminCreatesATenantAndItsKeyOpensTheApi() {
    CreatedTenant created = newTenant();
    assertThat(created.apiKey()).startsWith("hk_").hasSizeGreaterThan(40);
    assertThat(created.tenant().slug()).startsWith("test-");

    var identities =
        exchange(HttpRequest.GET("/api/sender-identities"), created.apiKey(), String.class);
    assertThat(identities.code()).isEqualTo(200);
    assertThat(identities.body()).isEqualTo("[]");
  }

  @Test
  void requestsWithoutAValidKeyAre401WithAJsonError() {
    Refusal none = refusal(HttpRequest.GET("/api/sender-identities"));
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.body().error()).contains("bearer");
    assertThat(none.body().field()).isEqualTo("Authorization");

    Refusal wrong = refusal(HttpRequest.GET("/api/sender-identities").bearerAuth("hk_nope"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body().error()).contains("unknown");
  }

  @Test
  void onlyTheAdminKeyCreatesTenants() {
    CreatedTenant tenant = newTenant();
    Refusal withTenantKey =
        refusal(
            HttpRequest.POST("/api/tenants", Map.of("name", "sneaky")).bearerAuth(tenant.apiKey()));
    assertThat(withTenantKey.status()).isEqualTo(401);
  }

  @Test
  void aDuplicateSlugIsAConflictAndABlankNameIsA400() {
    String slug = "dup-" + UUID.randomUUID();
    call(
        HttpRequest.POST("/api/tenants", Map.of("name", "A", "slug", slug)), adminKey(), Map.class);
    Refusal again =
        refusal(
            HttpRequest.POST("/api/tenants", Map.of("name", "B", "slug", slug))
                .bearerAuth(adminKey()));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body().field()).isEqualTo("slug");

    Refusal blank =
        refusal(HttpRequest.POST("/api/tenants", Map.of("name", " ")).bearerAuth(adminKey()));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.body().field()).isEqualTo("name");
  }

  @Test
  void anotherTenantsIdentityIs404() {
    CreatedTenant owner = newTenant();
    CreatedTenant other = newTenant();
    Map<?, ?> identity =
        call(
            HttpRequest.POST(
                "/api/sender-identities",
                Map.of("domain", "mail.example.com", "fromAddress", "news@mail.example.com")),
            owner.apiKey(),
            Map.class);
    String path = "/api/sender-identities/" + identity.get("id");

    assertThat(exchange(HttpRequest.GET(path), owner.apiKey(), Map.class).code()).isEqualTo(200);
    Refusal stranger = refusal(HttpRequest.GET(path).bearerAuth(other.apiKey()));
    assertThat(stranger.status()).isEqualTo(404);
    assertThat(stranger.body().error()).contains("not found");
  }

  @Test
  void aMalformedIdInThePathIsA400NamingIt() {
    CreatedTenant tenant = newTenant();
    Refusal bad =
        refusal(HttpRequest.GET("/api/sender-identities/not-a-uuid").bearerAuth(tenant.apiKey()));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().field()).isEqualTo("id");
  }

  @Test
  void badJsonIsA400() {
    CreatedTenant tenant = newTenant();
    Refusal bad =
        refusal(
            HttpRequest.POST("/api/sender-identities", "{\"domain\": ")
                .contentType("application/json")
                .bearerAuth(tenant.apiKey()));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().error()).isNotBlank();
  }

  @Test
  void aFromAddressOutsideTheDomainIsA400() {
    CreatedTenant tenant = newTenant();
    Refusal bad =
        refusal(
            HttpRequest.POST(
                    "/api/sender-identities",
                    Map.of("domain", "example.com", "fromAddress", "a@elsewhere.org"))
                .bearerAuth(tenant.apiKey()));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().field()).isEqualTo("fromAddress");
  }
}
