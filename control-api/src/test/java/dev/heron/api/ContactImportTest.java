package dev.heron.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

// A 45,000-row import answers when it is done: on a loaded machine that can take longer than the
// client's default 10 s read timeout.
@MicronautTest(transactional = false)
@Property(name = "micronaut.http.client.read-timeout", value = "60s")
class ContactImportTest extends ApiTestSupport {

  @Test
  void importsGoodRowsUpsertsByEmailAndReportsBadRowsByLine() {
    CreatedTenant tenant = newTenant();
    Setup setup = setup(tenant);
    String csv =
        """
        email,First Name,last_name,phone,company,time_zone,tags,plan
        ana@gmail.test,Ana,Lima,+33 6 12 34 56 78,Acme,Europe/Paris,vip; news,pro
        ben@outlook.test,Ben,,,,,,free
        not-an-email,Bad,,,,,,
        cid@yahoo.test,Cid,,,,Mars/Base,,
        ,Nobody,,,,,,
        only,three,fields
        """;
    ImportView first = importCsv(setup.key(), "Newsletter", csv);

    assertThat(first.status()).isEqualTo("completed");
    assertThat(first.rowsRead()).isEqualTo(6);
    assertThat(first.rowsInserted()).isEqualTo(2);
    assertThat(first.rowsFailed()).isEqualTo(4);
    assertThat(first.listId()).isEqualTo(setup.listId());
    assertThat(first.errors())
        .extracting(RowError::line, RowError::field)
        .containsExactly(
            tuple(4L, "email"), tuple(5L, "time_zone"), tuple(6L, "email"), tuple(7L, null));
    assertThat(first.errors().get(0).reason()).contains("not-an-email");
    assertThat(first.errors().get(3).reason()).contains("expected 8 fields");

    // The same person again, upper-cased, with a new attribute and tag: an update, not a new row.
    ImportView second =
        importCsv(
            setup.key(), setup.listId().toString(), "EMAIL,tags,city\nANA@Gmail.test,beta,Lyon\n");
    assertThat(second.rowsInserted()).isZero();
    assertThat(second.rowsUpdated()).isEqualTo(1);

    List<Map<String, Object>> ana =
        TestDb.rows(
            "SELECT first_name, time_zone, array_to_string(tags, ',') AS tags, attributes::text AS attributes"
                + " FROM contacts WHERE tenant_id = ? AND email = 'ana@gmail.test'",
            tenant.tenant().id());
    assertThat(ana).hasSize(1);
    assertThat(ana.get(0))
        .containsEntry("first_name", "Ana")
        .containsEntry("time_zone", "Europe/Paris")
        .containsEntry("tags", "beta,news,vip");
    assertThat((String) ana.get(0).get("attributes"))
        .contains("\"plan\": \"pro\"", "\"city\": \"Lyon\"");

    Map<?, ?> list = call(HttpRequest.GET("/api/lists/" + setup.listId()), setup.key(), Map.class);
    assertThat(((Number) list.get("members")).longValue()).isEqualTo(2);

    ImportView polled =
        call(HttpRequest.GET("/api/imports/" + first.id()), setup.key(), ImportView.class);
    assertThat(polled).isEqualTo(first);
  }

  @Test
  void aFileOfSeveralBatchesKeepsEveryRowItsLineNumberAndTheLastValueOfARepeatedEmail() {
    CreatedTenant tenant = newTenant();
    Setup setup = setup(tenant);
    int rows = 45_000; // three batches, two written at once while the next one is read
    StringBuilder csv = new StringBuilder("email,first_name,tags\n");
    for (int i = 0; i < rows; i++) {
      if (i == 30_000) {
        csv.append("broken-address,Bad,\n");
      } else if (i == 21_000) {
        // person7 comes back in the second batch, which may be written alongside the first: it
        // waits for the first, so this later row is the one that stays.
        csv.append("person7@many.test,Second,\n");
      } else if (i == 40_000) {
        csv.append("person5@many.test,Again,late\n"); // person5 comes back in the third batch
      } else {
        csv.append("person").append(i).append("@many.test,P").append(i).append(",early\n");
      }
    }

    ImportView result = importCsv(setup.key(), "Newsletter", csv.toString());

    assertThat(result.status()).isEqualTo("completed");
    assertThat(result.rowsRead()).isEqualTo(rows);
    assertThat(result.rowsFailed()).isEqualTo(1);
    assertThat(result.rowsInserted()).isEqualTo(rows - 3);
    assertThat(result.rowsUpdated()).isEqualTo(2);
    assertThat(result.errors())
        .extracting(RowError::line, RowError::field)
        .containsExactly(tuple(30_002L, "email"));
    assertThat(
            TestDb.rows(
                "SELECT first_name, array_to_string(tags, ',') AS tags FROM contacts"
                    + " WHERE tenant_id = ? AND email = 'person5@many.test'",
                tenant.tenant().id()))
        .singleElement()
        .satisfies(
            row ->
                assertThat(row)
                    .containsEntry("first_name", "Again")
                    .containsEntry("tags", "early,late"));
    assertThat(
            TestDb.rows(
                "SELECT first_name FROM contacts WHERE tenant_id = ? AND email = 'person7@many.test'",
                tenant.tenant().id()))
        .singleElement()
        .satisfies(row -> assertThat(row).containsEntry("first_name", "Second"));
    Map<?, ?> list = call(HttpRequest.GET("/api/lists/" + setup.listId()), setup.key(), Map.class);
    assertThat(((Number) list.get("members")).longValue()).isEqualTo(rows - 3);
  }

  @Test
  void deletingATenantDeletesItsImportedContacts() {
    CreatedTenant tenant = newTenant();
    CreatedTenant other = newTenant();
    importCsv(tenant.apiKey(), null, "email\na@gone.test\nb@gone.test\n");
    importCsv(other.apiKey(), null, "email\nc@kept.test\n");
    String contacts = "SELECT count(*) FROM contacts WHERE tenant_id = ?";
    assertThat(TestDb.count(contacts, tenant.tenant().id())).isEqualTo(2);

    TestDb.update("DELETE FROM tenants WHERE id = ?", tenant.tenant().id());

    assertThat(TestDb.count(contacts, tenant.tenant().id())).isZero();
    assertThat(TestDb.count(contacts, other.tenant().id())).isEqualTo(1);
  }

  @Test
  void aFileWithoutAnEmailColumnIsRefusedNamingIt() {
    CreatedTenant tenant = newTenant();
    Refusal refusal =
        refusal(
            HttpRequest.POST("/api/contacts/import", "name,phone\nAna,123\n")
                .contentType("text/csv")
                .bearerAuth(tenant.apiKey()));
    assertThat(refusal.status()).isEqualTo(400);
    assertThat(refusal.body().field()).isEqualTo("email");
  }

  @Test
  void anUnknownListIsA400AndAnotherTenantsImportIs404() {
    CreatedTenant owner = newTenant();
    CreatedTenant other = newTenant();
    Refusal unknownList =
        refusal(
            HttpRequest.POST("/api/contacts/import?list=nope", "email\na@b.test\n")
                .contentType("text/csv")
                .bearerAuth(owner.apiKey()));
    assertThat(unknownList.status()).isEqualTo(400);
    assertThat(unknownList.body().field()).isEqualTo("list");

    ImportView mine = importCsv(owner.apiKey(), null, "email\na@b.test\n");
    assertThat(
            refusal(HttpRequest.GET("/api/imports/" + mine.id()).bearerAuth(other.apiKey()))
                .status())
        .isEqualTo(404);
  }

  @Test
  void aContactIsCreatedReadBackAndItsEmailChecked() {
    CreatedTenant tenant = newTenant();
    Map<?, ?> created =
        call(
            HttpRequest.POST(
                "/api/contacts",
                Map.of(
                    "email",
                    "Zoe@Example.test",
                    "firstName",
                    "Zoe",
                    "tags",
                    List.of("vip"),
                    "attributes",
                    Map.of("plan", "pro"))),
            tenant.apiKey(),
            Map.class);
    assertThat(created.get("email")).isEqualTo("zoe@example.test");
    Map<?, ?> read =
        call(HttpRequest.GET("/api/contacts/" + created.get("id")), tenant.apiKey(), Map.class);
    assertThat(read.get("attributes")).isEqualTo(Map.of("plan", "pro"));
    assertThat(read.get("consent")).isEqualTo("granted");

    Refusal bad =
        refusal(
            HttpRequest.POST("/api/contacts", Map.of("email", "zoe@")).bearerAuth(tenant.apiKey()));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().field()).isEqualTo("email");

    Refusal again =
        refusal(
            HttpRequest.POST("/api/contacts", Map.of("email", "zoe@example.test"))
                .bearerAuth(tenant.apiKey()));
    assertThat(again.status()).isEqualTo(409);

    CreatedTenant other = newTenant();
    assertThat(
            refusal(
                    HttpRequest.GET("/api/contacts/" + created.get("id"))
                        .bearerAuth(other.apiKey()))
                .status())
        .isEqualTo(404);
  }

  @Test
  void aContactIsUpdatedFieldByFieldAndCanOptOut() {
    CreatedTenant tenant = newTenant();
    Map<?, ?> created =
        call(
            HttpRequest.POST(
                "/api/contacts",
                Map.of(
                    "email", "yan@example.test", "firstName", "Yan", "attributes", Map.of("a", 1))),
            tenant.apiKey(),
            Map.class);
    String path = "/api/contacts/" + created.get("id");
    Map<?, ?> updated =
        call(
            HttpRequest.PATCH(
                path,
                Map.of(
                    "company",
                    "Acme",
                    "attributes",
                    Map.of("b", 2),
                    "consent",
                    "withdrawn",
                    "optedOut",
                    true)),
            tenant.apiKey(),
            Map.class);
    assertThat(updated.get("firstName")).isEqualTo("Yan");
    assertThat(updated.get("company")).isEqualTo("Acme");
    assertThat(updated.get("attributes")).isEqualTo(Map.of("a", 1, "b", 2));
    assertThat(updated.get("consent")).isEqualTo("withdrawn");
    assertThat(updated.get("optedOut")).isEqualTo(true);
    assertThat(updated.get("optedOutAt")).isNotNull();

    Refusal badZone =
        refusal(
            HttpRequest.PATCH(path, Map.of("timeZone", "Moon/Base")).bearerAuth(tenant.apiKey()));
    assertThat(badZone.status()).isEqualTo(400);
    assertThat(badZone.body().field()).isEqualTo("timeZone");

    CreatedTenant other = newTenant();
    assertThat(
            refusal(HttpRequest.PATCH(path, Map.of("company", "x")).bearerAuth(other.apiKey()))
                .status())
        .isEqualTo(404);

    Map<?, ?> page =
        call(
            HttpRequest.GET("/api/contacts?email=YAN@example.test&limit=10"),
            tenant.apiKey(),
            Map.class);
    assertThat((List<?>) page.get("items")).hasSize(1);
    Map<?, ?> othersPage = call(HttpRequest.GET("/api/contacts"), other.apiKey(), Map.class);
    assertThat((List<?>) othersPage.get("items")).isEmpty();
    Refusal badLimit =
        refusal(HttpRequest.GET("/api/contacts?limit=0").bearerAuth(tenant.apiKey()));
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.body().field()).isEqualTo("limit");
  }
}
