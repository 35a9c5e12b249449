package dev.heron.api.audience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.ApiTestSupport;
import dev.heron.api.TestDb;
import dev.heron.api.db.Db;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Compiled filters run on the real database: what they select, and that none of them errs. */
@MicronautTest(transactional = false)
class AudienceQueriesTest extends ApiTestSupport {
  @Inject Db db;
  @Inject AudienceService audiences;
  private UUID tenant;

  @BeforeAll
  void seed() {
    tenant = newTenant().tenant().id();
    contact(
        "ana@x.test",
        "Ana",
        "{prospect,vip}",
        "{\"plan\":\"pro\",\"age\":34,\"signup\":\"2024-03-01\",\"interests\":[\"golf\",\"chess\"]}",
        "granted",
        false,
        "now() - interval '10 days'");
    contact(
        "ben@x.test",
        "Ben",
        "{prospect}",
        "{\"plan\":\"free\",\"age\":\"17\",\"signup\":\"not a date\",\"vip\":true}",
        "granted",
        false,
        "now() - interval '200 days'");
    contact(
        "cid@y.test",
        null,
        "{}",
        "{\"plan\":\"pro\",\"age\":\"n/a\",\"signup\":\"2024-13-45\",\"First seen\":\"2020\"}",
        "withdrawn",
        true,
        "NULL");
    contact(
        "dee@y.test",
        "Dee",
        "{customer}",
        "{\"age\":1e2,\"interests\":\"golf\"}",
        "pending",
        false,
        "now() - interval '1 day'");
  }

  private void contact(
      String email,
      String firstName,
      String tags,
      String attributes,
      String consent,
      boolean optedOut,
      String lastOpened) {
    TestDb.update(
        "INSERT INTO contacts (tenant_id, email, first_name, tags, attributes, consent, opted_out, last_opened_at)"
            + " VALUES (?, ?, ?, ?::text[], ?::jsonb, ?, ?, "
            + lastOpened
            + ")",
        tenant,
        email,
        firstName,
        tags,
        attributes,
        consent,
        optedOut);
  }

  private List<String> emails(String filter) {
    CompiledFilter condition = Filters.compile(filter);
    return audiences.preview(tenant, condition, 100).sample().stream()
        .map(c -> c.email().substring(0, 3))
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void filtersSelectWhatTheySay() {
    assertThat(
            emails(
                "tags has \"prospect\" and attributes.plan = \"pro\" and last_opened_at > now() - 90d"))
        .containsExactly("ana");
    assertThat(emails("attributes.age >= 18")).containsExactly("ana", "dee");
    assertThat(emails("attributes.age < 18")).containsExactly("ben");
    assertThat(emails("not attributes.plan = \"pro\"")).containsExactly("ben", "dee");
    assertThat(emails("attributes.plan != \"pro\"")).containsExactly("ben", "dee");
    assertThat(emails("attributes.signup < now()")).containsExactly("ana");
    assertThat(emails("attributes.interests has \"golf\"")).containsExactly("ana");
    assertThat(emails("attributes.interests = \"golf\"")).containsExactly("dee");
    assertThat(emails("attributes.vip = true")).containsExactly("ben");
    assertThat(emails("attributes.\"First seen\" is not null")).containsExactly("cid");
    assertThat(emails("first_name is null or opted_out = true")).containsExactly("cid");
    assertThat(emails("email contains \"@Y.\"")).containsExactly("cid", "dee");
    assertThat(emails("consent in [\"pending\", \"withdrawn\"]")).containsExactly("cid", "dee");
    assertThat(emails("tags has any [\"vip\", \"customer\"]")).containsExactly("ana", "dee");
    assertThat(emails("tags has all [\"vip\", \"prospect\"]")).containsExactly("ana");
    assertThat(emails("tags is null")).containsExactly("cid");
    assertThat(emails("last_opened_at is null or last_opened_at < \"2000-01-01\""))
        .containsExactly("cid");
    assertThat(emails("firstName in [\"Ana\", \"Dee\"] and not (lastOpenedAt > now() - 2d)"))
        .containsExactly("ana");
  }

  @Test
  void generatedFiltersRunWithoutADatabaseError() {
    // Every well-typed expression the generator makes must run; a SQL error here would be a 500.
    List<String> expressions =
        FilterExpressions.expressions().sampleStream().limit(250).collect(Collectors.toList());
    for (String expression : expressions) {
      CompiledFilter condition = Filters.compile(expression);
      long count = db.transaction(tx -> audiences.count(tx, tenant, condition));
      assertThat(count).as(expression).isBetween(0L, 4L);
    }
  }
}
