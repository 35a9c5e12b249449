package dev.heron.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class TemplateFlowTest extends ApiTestSupport {

  @Test
  void anOnboardedTenantHasTheDefaultLibrary() {
    String key = newTenant().apiKey();
    Map<?, ?> page = call(HttpRequest.GET("/api/templates"), key, Map.class);
    List<?> items = (List<?>) page.get("items");
    assertThat(items).hasSize(7);
    assertThat(items.stream().map(i -> (Object) ((Map<?, ?>) i).get("channel")).distinct())
        .containsExactlyInAnyOrder("email", "whatsapp", "sms", "facebook", "instagram");
    assertThat(
            items.stream()
                .filter(i -> "email".equals(((Map<?, ?>) i).get("channel")))
                .map(i -> (Object) ((Map<?, ?>) i).get("status"))
                .distinct())
        .containsExactly("approved");
    assertThat(
            items.stream()
                .filter(i -> "whatsapp".equals(((Map<?, ?>) i).get("channel")))
                .map(i -> (Object) ((Map<?, ?>) i).get("status")))
        .containsExactly("unsubmitted");
  }

  @Test
  void aWhatsappTemplateGoesThroughReviewAndOnlyLegalMovesAreAllowed() {
    String key = newTenant().apiKey();
    Map<?, ?> created =
        call(
            HttpRequest.POST(
                "/api/templates",
                Map.of(
                    "name", "Shipping",
                    "channel", "whatsapp",
                    "text", "Hi {{firstName}}, order {{custom.order}} shipped",
                    "mediaUrl", "https://cdn.heron.test/box.png")),
            key,
            Map.class);
    assertThat(created.get("status")).isEqualTo("unsubmitted");
    assertThat(created.get("approvedVersion")).isNull();
    assertThat((List<Object>) created.get("variables"))
        .containsExactly("custom.order", "firstName");
    String versions = "/api/templates/" + created.get("id") + "/versions";

    Refusal skip =
        refusal(
            HttpRequest.POST(versions + "/1/status", Map.of("status", "approved")).bearerAuth(key));
    assertThat(skip.status()).isEqualTo(409);
    assertThat(skip.body().field()).isEqualTo("status");
    assertThat(skip.body().error()).contains("from unsubmitted to approved");

    for (String status : List.of("received", "pending", "approved")) {
      Map<?, ?> moved =
          call(HttpRequest.POST(versions + "/1/status", Map.of("status", status)), key, Map.class);
      assertThat(moved.get("status")).isEqualTo(status);
    }
    Map<?, ?> approved =
        call(HttpRequest.GET("/api/templates/" + created.get("id")), key, Map.class);
    assertThat(approved.get("approvedVersion")).isEqualTo(1);

    Refusal unknown =
        refusal(HttpRequest.POST(versions + "/1/status", Map.of("status", "live")).bearerAuth(key));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(
            refusal(
                    HttpRequest.POST(versions + "/9/status", Map.of("status", "paused"))
                        .bearerAuth(key))
                .status())
        .isEqualTo(404);
  }

  @Test
  void aNewVersionLinksToTheOneItReplacesAndCampaignsKeepTheApprovedOne() {
    String key = newTenant().apiKey();
    Map<?, ?> sms =
        call(
            HttpRequest.POST(
                "/api/templates", Map.of("name", "Promo", "channel", "sms", "text", "Sale today")),
            key,
            Map.class);
    String base = "/api/templates/" + sms.get("id");
    for (String status : List.of("received", "pending", "approved")) {
      call(HttpRequest.POST(base + "/versions/1/status", Map.of("status", status)), key, Map.class);
    }
    Map<?, ?> v2 =
        call(
            HttpRequest.POST(base + "/versions", Map.of("text", "Sale today, {{firstName}}")),
            key,
            Map.class);
    assertThat(v2.get("version")).isEqualTo(2);
    assertThat(v2.get("replacesVersion")).isEqualTo(1);
    assertThat(v2.get("status")).isEqualTo("unsubmitted");
    assertThat(v2.get("approvedVersion")).isEqualTo(1);

    List<Map> all =
        http()
            .retrieve(
                HttpRequest.GET(base + "/versions").bearerAuth(key),
                io.micronaut.core.type.Argument.listOf(Map.class));
    assertThat(all.stream().map(v -> (Object) ((Map<?, ?>) v).get("version")))
        .containsExactly(2, 1);

    Refusal badVersion =
        refusal(
            HttpRequest.POST(base + "/versions", Map.of("text", "Hi {{plan}}")).bearerAuth(key));
    assertThat(badVersion.status()).isEqualTo(400);
    assertThat(badVersion.body().field()).isEqualTo("variables");
    assertThat(badVersion.body().error()).contains("attributes.plan");
  }

  @Test
  void anotherTenantsTemplateVersionsAre404() {
    String mine = newTenant().apiKey();
    String theirs = newTenant().apiKey();
    Map<?, ?> template =
        call(
            HttpRequest.POST(
                "/api/templates", Map.of("name", "Theirs", "channel", "sms", "text", "t")),
            theirs,
            Map.class);
    String base = "/api/templates/" + template.get("id") + "/versions";
    assertThat(refusal(HttpRequest.GET(base).bearerAuth(mine)).status()).isEqualTo(404);
    assertThat(refusal(HttpRequest.POST(base, Map.of("text", "x")).bearerAuth(mine)).status())
        .isEqualTo(404);
    assertThat(
            refusal(
                    HttpRequest.POST(base + "/1/status", Map.of("status", "received"))
                        .bearerAuth(mine))
                .status())
        .isEqualTo(404);
    assertThat(refusal(HttpRequest.GET("/api/settings/frequency-cap")).status()).isEqualTo(401);
  }

  @Test
  void badContentIsA400NamingTheField() {
    String key = newTenant().apiKey();
    Refusal subject =
        refusal(
            HttpRequest.POST(
                    "/api/templates",
                    Map.of("name", "x", "channel", "sms", "subject", "s", "text", "t"))
                .bearerAuth(key));
    assertThat(subject.status()).isEqualTo(400);
    assertThat(subject.body().field()).isEqualTo("subject");
    Refusal variable =
        refusal(
            HttpRequest.POST(
                    "/api/templates",
                    Map.of(
                        "name", "x", "channel", "email", "subject", "{{nope.nope}}", "text", "t"))
                .bearerAuth(key));
    assertThat(variable.status()).isEqualTo(400);
    assertThat(variable.body().field()).isEqualTo("variables");
    Refusal channel =
        refusal(
            HttpRequest.POST("/api/templates", Map.of("name", "x", "channel", "fax", "text", "t"))
                .bearerAuth(key));
    assertThat(channel.status()).isEqualTo(400);
    assertThat(channel.body().field()).isEqualTo("channel");
  }
}
