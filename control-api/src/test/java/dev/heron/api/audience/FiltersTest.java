package dev.heron.api.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiltersTest {

  @Test
  void theExampleFromTheIssueCompilesToParameterizedSql() {
    CompiledFilter f =
        Filters.compile(
            "tags has \"prospect\" and attributes.plan = \"pro\" and last_opened_at > now() - 90d");
    assertThat(f.sql())
        .isEqualTo(
            "((c.tags @> ?::text[] AND c.attributes @> jsonb_build_object(?::text, ?::text))"
                + " AND coalesce(c.last_opened_at > (now() + ?::bigint * interval '1 second'), false))");
    assertThat(f.params()).containsExactly(List.of("prospect"), "plan", "pro", -90L * 86_400);
  }

  @Test
  void precedenceIsNotThenAndThenOrAndParenthesesOverrideIt() {
    assertThat(
            Filters.compile("opted_out = true or opted_out = false and not opted_out = true").sql())
        .isEqualTo("(c.opted_out = ? OR (c.opted_out = ? AND NOT c.opted_out = ?))");
    assertThat(
            Filters.compile("(opted_out = true OR opted_out = false) AND opted_out != true").sql())
        .isEqualTo("((c.opted_out = ? OR c.opted_out = ?) AND c.opted_out <> ?)");
  }

  @Test
  void valuesAreAlwaysParametersEvenWhenTheyLookLikeSql() {
    String attack = "x'); DROP TABLE contacts; --";
    CompiledFilter f =
        Filters.compile(
            "first_name = " + FilterExpressions.quoted(attack) + " or attributes.\"a'b\" = 1");
    assertThat(f.sql()).doesNotContain("DROP").doesNotContain("a'b");
    assertThat(f.params()).containsExactly(attack, "a'b", new BigDecimal("1"));
  }

  @Test
  void camelCaseFieldNamesEmailsLowerCasedAndListsOfValues() {
    CompiledFilter f = Filters.compile("lastName in ['Lima', \"Ng\"] and email = \"Ana@X.TEST\"");
    assertThat(f.sql()).contains("c.last_name = ANY (?::text[])").contains("c.email = ?");
    assertThat(f.params()).containsExactly(List.of("Lima", "Ng"), "ana@x.test");
  }

  @Test
  void numericAndTimeComparisonsOnAttributesGoThroughSafeConversions() {
    CompiledFilter f = Filters.compile("attributes.age >= 18 and attributes.signup < now() + 1w");
    assertThat(f.sql())
        .contains("heron_as_numeric(c.attributes ->> ?::text) >= ?")
        .contains("heron_as_timestamptz(c.attributes ->> ?::text) < (now()");
    assertThat(f.params()).containsExactly("age", new BigDecimal("18"), "signup", 604_800L);
  }

  @Test
  void isNullNotInContainsAndHasAnyAll() {
    assertThat(Filters.compile("company is null").sql()).isEqualTo("c.company IS NULL");
    assertThat(Filters.compile("tags is not null").sql()).isEqualTo("cardinality(c.tags) > 0");
    assertThat(Filters.compile("phone not in [\"1\"]").sql())
        .isEqualTo("NOT coalesce(c.phone = ANY (?::text[]), false)");
    CompiledFilter contains = Filters.compile("email contains \"50%_off\"");
    assertThat(contains.params()).containsExactly("%50\\%\\_off%");
    assertThat(Filters.compile("tags has any [\"a\", \"b\"]").sql())
        .isEqualTo("c.tags && ?::text[]");
    assertThat(Filters.compile("tags has all [\"a\", \"b\"]").sql())
        .isEqualTo("c.tags @> ?::text[]");
  }

  @Test
  void aSyntaxErrorNamesThePositionAndWhatWasExpected() {
    assertError("tags has \"a\" and", 17, "expected a field");
    assertError("tags has", 9, "expected a value");
    assertError("(tags has \"a\"", 14, "expected ')'");
    assertError("email = \"never closed", 9, "never closed");
    assertError("last_opened_at > now() - 90 days", 26, "expected a duration");
    assertError("last_opened_at > now() - 90x", 26, "expected a number or a duration");
    assertError("email ~ \"a\"", 7, "unexpected character '~'");
    assertError("tags has \"a\" \"b\"", 14, "expected 'and', 'or' or the end");
    assertError("", 1, "expected a condition");
    assertError("email is empty", 10, "expected 'null'");
  }

  @Test
  void aTypeErrorNamesThePositionToo() {
    assertError("nosuch = 1", 1, "expected a field (email, first_name");
    assertError("email = 3", 9, "expected a \"string\" for email");
    assertError("tags = \"x\"", 6, "tags is a set");
    assertError("last_opened_at > \"yesterday\"", 18, "expected a date");
    assertError("opted_out > true", 11, "compare it with = or !=");
    assertError("email has \"x\"", 1, "has works on tags");
    assertError("consent = \"given\"", 11, "consent is one of granted");
    assertError("created_at > now() - 99999999w", 22, "longer than 200 years");
    assertError("attributes.age in [1, \"a\"]", 23, "expected a number");
  }

  @Test
  void limitsKeepHostileInputCheap() {
    assertError(
        "not ".repeat(100) + "opted_out = true", 1 + 4 * FilterParser.MAX_DEPTH, "nests deeper");
    assertError("(".repeat(100), 1 + FilterParser.MAX_DEPTH, "nests deeper");
    assertError(
        "email = \"" + "a".repeat(FilterLexer.MAX_LENGTH) + "\"",
        FilterLexer.MAX_LENGTH + 1,
        "longer than");
    assertError("email = \"a\u0000b\"", 11, "NUL");
    assertError("attributes.n = 1234567890123456789012345678901", 16, "at most 30 digits");
  }

  private static void assertError(String input, int position, String message) {
    assertThatThrownBy(() -> Filters.compile(input))
        .isInstanceOf(FilterSyntaxException.class)
        .hasMessageContaining(message)
        .satisfies(
            e -> assertThat(((FilterSyntaxException) e).position()).as(input).isEqualTo(position));
  }
}
