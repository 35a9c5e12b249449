package dev.heron.api.audience;

/**
 * The filter expression language of dynamic lists and campaign audiences, for example {@code tags
 * has "prospect" and attributes.plan = "pro" and last_opened_at > now() - 90d}. See {@link
 * FilterParser} for the grammar and {@link FilterCompiler} for what each condition means.
 */
public final class Filters {
  /**
   * The expression as a parameterized SQL condition on {@code contacts c}.
   *
   * @throws FilterSyntaxException when it cannot be read or does not type-check, naming where
   */
  public static CompiledFilter compile(String expression) {
    return FilterCompiler.compile(FilterParser.parse(expression));
  }

  private Filters() {}
}
