package dev.heron.api.audience;

import java.util.List;

/**
 * A filter as SQL: a boolean condition on the contacts table aliased {@code c}, whose text holds
 * only whitelisted column names, operators and {@code ?} placeholders, and the values to bind to
 * them in order. Nothing a user wrote is ever part of {@link #sql()}.
 */
public record CompiledFilter(String sql, List<Object> params) {
  /** Where a named query takes the compiled condition. */
  public static final String MARKER = "/*filter*/";

  /** Every contact: the condition of an audience with no filter. */
  public static final CompiledFilter ALL = new CompiledFilter("true", List.of());

  /** {@code query} with its {@link #MARKER} replaced by this condition. */
  public String into(String query) {
    int at = query.indexOf(MARKER);
    if (at < 0) {
      throw new IllegalArgumentException("the query has no " + MARKER + " marker");
    }
    return query.substring(0, at) + "(" + sql + ")" + query.substring(at + MARKER.length());
  }
}
