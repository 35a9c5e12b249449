package dev.heron.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.ApiTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class OpenApiTest extends ApiTestSupport {
  @Test
  void theGeneratedDocumentIsServedAndDescribesTheEndpoints() {
    HttpResponse<String> response = http().exchange(HttpRequest.GET("/openapi.yml"), String.class);
    assertThat(response.code()).isEqualTo(200);
    assertThat(response.getContentType().map(Object::toString)).hasValue("application/yaml");
    String document = response.body();
    assertThat(document).startsWith("openapi: 3");
    assertThat(document)
        .contains(
            "title: heron",
            "  /t/o/{token}:",
            "  /t/c/{token}:",
            "  /t/u/{token}:",
            "  /callbacks/whatsapp/{tenantId}:",
            "  /callbacks/twilio/{tenantId}:",
            "  /callbacks/bounces/{tenantId}:",
            "  /api/callbacks/{provider}:",
            "  /api/webhooks:",
            "  /api/webhooks/{id}/deliveries:",
            "  /api/messages:",
            "  /api/ip-scores:",
            "  /api/ip-scores/{ip}/history:",
            "  /api/warmup/status:",
            "  /api/warmup/start:",
            "  /api/campaigns/{id}/advisor:",
            "  /api/campaigns/{id}/advisor/{rid}/dismiss:",
            "  /api/campaigns/{id}/ab:",
            "  /api/campaigns/{id}/similar:",
            "  /api/contacts/{id}/timeline:",
            "bearer");
  }
}
