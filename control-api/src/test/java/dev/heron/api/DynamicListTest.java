package dev.heron.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class DynamicListTest extends ApiTestSupport {
  private static final String CONTACTS =
      """
      email,first_name,tags,plan
      ana@x.test,Ana,prospect;vip,pro
      ben@x.test,Ben,prospect,free
      cid@x.test,Cid,,pro
      """;

  @Test
  void aDynamicListHoldsWhoeverMatchesItsFilterNow() {
    String key = newTenant().apiKey();
    importCsv(key, null, CONTACTS);
    Map<?, ?> list =
        call(
            HttpRequest.POST(
                "/api/lists",
                Map.of(
                    "name", "Pro prospects",
                    "kind", "dynamic",
                    "filter", "tags has \"prospect\" and attributes.plan = \"pro\"")),
            key,
            Map.class);
    assertThat(list.get("kind")).isEqualTo("dynamic");
    assertThat(list.get("members")).isEqualTo(1);

    Map<?, ?> preview =
        call(HttpRequest.GET("/api/lists/" + list.get("id") + "/preview"), key, Map.class);
    assertThat(preview.get("count")).isEqualTo(1);
    List<Object> emails =
        ((List<?>) preview.get("sample"))
            .stream().map(c -> (Object) ((Map<?, ?>) c).get("email")).toList();
    assertThat(emails).containsExactly("ana@x.test");

    importCsv(key, null, "email,tags,plan\nben@x.test,,pro\n");
    Map<?, ?> again = call(HttpRequest.GET("/api/lists/" + list.get("id")), key, Map.class);
    assertThat(again.get("members")).isEqualTo(2);

    Refusal add =
        refusal(
            HttpRequest.POST(
                    "/api/lists/" + list.get("id") + "/contacts",
                    Map.of("contactIds", List.of(java.util.UUID.randomUUID())))
                .bearerAuth(key));
    assertThat(add.status()).isEqualTo(400);
  }

  @Test
  void aFilterCanBePreviewedBeforeItIsSavedAndAStaticListPreviewsItsMembers() {
    String key = newTenant().apiKey();
    Map<?, ?> list = call(HttpRequest.POST("/api/lists", Map.of("name", "Static")), key, Map.class);
    importCsv(key, (String) list.get("id"), CONTACTS);
    Map<?, ?> members =
        call(HttpRequest.GET("/api/lists/" + list.get("id") + "/preview?limit=2"), key, Map.class);
    assertThat(members.get("count")).isEqualTo(3);
    assertThat((List<?>) members.get("sample")).hasSize(2);

    Map<?, ?> unsaved =
        call(
            HttpRequest.POST(
                "/api/lists/preview", Map.of("filter", "first_name in [\"Ben\", \"Cid\"]")),
            key,
            Map.class);
    assertThat(unsaved.get("count")).isEqualTo(2);
  }

  @Test
  void aBadFilterIsA400NamingThePosition() {
    String key = newTenant().apiKey();
    Refusal syntax =
        refusal(
            HttpRequest.POST(
                    "/api/lists",
                    Map.of("name", "Broken", "kind", "dynamic", "filter", "tags has \"a\" and and"))
                .bearerAuth(key));
    assertThat(syntax.status()).isEqualTo(400);
    assertThat(syntax.body().field()).isEqualTo("filter");
    assertThat(syntax.body().error()).startsWith("filter: at position 18: expected a field");

    Refusal missing =
        refusal(
            HttpRequest.POST("/api/lists", Map.of("name", "No filter", "kind", "dynamic"))
                .bearerAuth(key));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().field()).isEqualTo("filter");

    Refusal staticWithFilter =
        refusal(
            HttpRequest.POST("/api/lists", Map.of("name", "S", "filter", "opted_out = false"))
                .bearerAuth(key));
    assertThat(staticWithFilter.status()).isEqualTo(400);

    Refusal preview =
        refusal(
            HttpRequest.POST("/api/lists/preview", Map.of("filter", "email = 1")).bearerAuth(key));
    assertThat(preview.status()).isEqualTo(400);
    assertThat(preview.body().error()).contains("position 9");

    Refusal kind =
        refusal(
            HttpRequest.POST("/api/lists", Map.of("name", "K", "kind", "smart")).bearerAuth(key));
    assertThat(kind.status()).isEqualTo(400);
    assertThat(kind.body().field()).isEqualTo("kind");
  }

  @Test
  void anotherTenantsListCannotBePreviewed() {
    String mine = newTenant().apiKey();
    String theirs = newTenant().apiKey();
    Map<?, ?> list =
        call(
            HttpRequest.POST(
                "/api/lists",
                Map.of("name", "D", "kind", "dynamic", "filter", "opted_out = false")),
            theirs,
            Map.class);
    assertThat(
            refusal(HttpRequest.GET("/api/lists/" + list.get("id") + "/preview").bearerAuth(mine))
                .status())
        .isEqualTo(404);
  }
}
