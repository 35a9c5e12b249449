package dev.heron.api.audience;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever a user types, the filter language answers with compiled SQL or a syntax error that names
 * a position inside the input (or just past it): never another exception, which would be a 500.
 */
class FilterPropertiesTest {

  @Property(tries = 1000)
  void anyStringCompilesOrFailsWithAPosition(@ForAll String input) {
    assertCompilesOrNamesAPosition(input);
  }

  @Property(tries = 1000)
  void tokenSoupCompilesOrFailsWithAPosition(@ForAll("soup") String input) {
    assertCompilesOrNamesAPosition(input);
  }

  @Property(tries = 500)
  void wellTypedExpressionsAlwaysCompile(@ForAll("wellTyped") String input) {
    CompiledFilter filter = Filters.compile(input);
    assertThat(filter.sql().chars().filter(c -> c == '?').count())
        .as("one placeholder per parameter in %s", filter.sql())
        .isEqualTo(filter.params().size());
    // Nothing the user wrote reaches the SQL text: only whitelisted words, operators, placeholders.
    assertThat(filter.sql())
        .doesNotContain("\"")
        .matches("[a-z_A-Z0-9 ().,?:@>&<=!%'\\[\\]\\\\*+-]*");
  }

  @Provide
  Arbitrary<String> soup() {
    return FilterExpressions.tokenSoup();
  }

  @Provide
  Arbitrary<String> wellTyped() {
    return FilterExpressions.expressions();
  }

  private static void assertCompilesOrNamesAPosition(String input) {
    try {
      CompiledFilter filter = Filters.compile(input);
      assertThat(filter.sql()).isNotBlank();
    } catch (FilterSyntaxException e) {
      assertThat(e.position()).isBetween(1, Math.max(input.length(), FilterLexer.MAX_LENGTH) + 1);
      assertThat(e.getMessage()).startsWith("at position " + e.position() + ": ");
    }
  }
}
