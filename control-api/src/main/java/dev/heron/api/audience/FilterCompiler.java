package dev.heron.api.audience;

import dev.heron.api.audience.ContactColumn.Type;
import dev.heron.api.audience.Filter.Field;
import dev.heron.api.audience.Filter.Value;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Type-checks a parsed filter and turns it into a parameterized SQL condition. Columns come from
 * {@link ContactColumn}; attribute keys and every value are bind parameters. Each condition is
 * built so that it is never SQL NULL (a missing value makes it false), so {@code not} means what a
 * reader expects: {@code not attributes.plan = "pro"} includes contacts with no plan.
 */
final class FilterCompiler {
  private static final Set<String> CONSENT = Set.of("granted", "pending", "none", "withdrawn");
  private static final String NOW = "(now() + ?::bigint * interval '1 second')";

  private final StringBuilder sql = new StringBuilder();
  private final List<Object> params = new ArrayList<>();

  static CompiledFilter compile(Filter filter) {
    FilterCompiler compiler = new FilterCompiler();
    compiler.emit(filter);
    return new CompiledFilter(compiler.sql.toString(), List.copyOf(compiler.params));
  }

  private void emit(Filter filter) {
    if (filter instanceof Filter.And and) {
      binary(and.left(), "AND", and.right());
    } else if (filter instanceof Filter.Or or) {
      binary(or.left(), "OR", or.right());
    } else if (filter instanceof Filter.Not not) {
      sql.append("NOT ");
      emit(not.inner());
    } else if (filter instanceof Filter.Compare compare) {
      compare(compare);
    } else if (filter instanceof Filter.In in) {
      in(in);
    } else if (filter instanceof Filter.IsNull isNull) {
      isNull(isNull);
    } else if (filter instanceof Filter.Has has) {
      has(has);
    } else if (filter instanceof Filter.Contains contains) {
      contains(contains);
    } else {
      throw new IllegalStateException("unknown filter node " + filter);
    }
  }

  private void binary(Filter left, String op, Filter right) {
    sql.append('(');
    emit(left);
    sql.append(' ').append(op).append(' ');
    emit(right);
    sql.append(')');
  }

  // ------------------------------------------------------------------------------------------
  // comparisons

  private void compare(Filter.Compare c) {
    if (c.field().isAttribute()) {
      compareAttribute(c);
      return;
    }
    ContactColumn column = column(c.field());
    String op = c.op();
    switch (column.type) {
      case TEXT -> {
        String text = text(c.value(), c.field());
        if (column == ContactColumn.CONSENT) {
          checkConsent(text, c.value());
        }
        comparison(column.sql(), op, column == ContactColumn.EMAIL ? lower(text) : text);
      }
      case TIME -> comparisonSql(column.sql(), op, time(c.value(), c.field()));
      case BOOL -> {
        if (!op.equals("=") && !op.equals("!=")) {
          throw new FilterSyntaxException(
              c.opPosition(), column.column + " is true or false: compare it with = or !=");
        }
        if (!(c.value() instanceof Filter.Bool b)) {
          throw expected(c.value(), "true or false for " + column.column);
        }
        sql.append(column.sql()).append(op.equals("=") ? " = ?" : " <> ?");
        params.add(b.value());
      }
      case TAGS ->
          throw new FilterSyntaxException(
              c.opPosition(),
              "tags is a set: use tags has \"name\" (or has any [...] / has all [...])");
    }
  }

  private void compareAttribute(Filter.Compare c) {
    String key = c.field().attribute();
    String op = c.op();
    Value value = c.value();
    if (value instanceof Filter.Text t) {
      if (op.equals("=") || op.equals("!=")) {
        // Containment uses the GIN index on attributes.
        sql.append(op.equals("=") ? "" : "NOT ")
            .append("c.attributes @> jsonb_build_object(?::text, ?::text)");
        params.add(key);
        params.add(t.value());
      } else {
        params.add(key);
        comparison("(c.attributes ->> ?::text)", op, t.value());
      }
    } else if (value instanceof Filter.Number n) {
      params.add(key);
      comparison("heron_as_numeric(c.attributes ->> ?::text)", op, n.value());
    } else if (value instanceof Filter.Bool b) {
      if (!op.equals("=") && !op.equals("!=")) {
        throw new FilterSyntaxException(c.opPosition(), "true and false compare only with = or !=");
      }
      params.add(key);
      comparison("lower(c.attributes ->> ?::text)", op, String.valueOf(b.value()));
    } else if (value instanceof Filter.Now now) {
      params.add(key);
      comparisonSql("heron_as_timestamptz(c.attributes ->> ?::text)", op, nowSql(now));
    }
  }

  /**
   * {@code left op ?}, never NULL: {@code !=} is IS DISTINCT FROM, the others coalesce to false.
   */
  private void comparison(String left, String op, Object value) {
    params.add(value);
    comparisonSql(left, op, "?");
  }

  private void comparisonSql(String left, String op, String right) {
    if (op.equals("!=")) {
      sql.append(left).append(" IS DISTINCT FROM ").append(right);
    } else {
      sql.append("coalesce(").append(left).append(' ').append(op).append(' ').append(right);
      sql.append(", false)");
    }
  }

  // ------------------------------------------------------------------------------------------
  // in, is null, has, contains

  private void in(Filter.In in) {
    Field field = in.field();
    String left;
    String array;
    List<String> values = new ArrayList<>();
    if (field.isAttribute() && in.values().get(0) instanceof Filter.Number) {
      for (Value v : in.values()) {
        if (!(v instanceof Filter.Number n)) {
          throw expected(v, "a number, like the first value of the list");
        }
        values.add(n.value().toPlainString());
      }
      params.add(field.attribute());
      left = "heron_as_numeric(c.attributes ->> ?::text)";
      array = "?::text[]::numeric[]";
    } else {
      ContactColumn column = field.isAttribute() ? null : column(field);
      if (column != null && column.type != Type.TEXT) {
        throw new FilterSyntaxException(
            field.position(),
            "in works on text fields and attributes; "
                + column.column
                + " is "
                + column.type.name().toLowerCase(Locale.ROOT));
      }
      for (Value v : in.values()) {
        String text = text(v, field);
        if (column == ContactColumn.CONSENT) {
          checkConsent(text, v);
        }
        values.add(column == ContactColumn.EMAIL ? lower(text) : text);
      }
      if (column == null) {
        params.add(field.attribute());
        left = "(c.attributes ->> ?::text)";
      } else {
        left = column.sql();
      }
      array = "?::text[]";
    }
    params.add(values);
    sql.append(in.negated() ? "NOT " : "")
        .append("coalesce(")
        .append(left)
        .append(" = ANY (")
        .append(array)
        .append("), false)");
  }

  private void isNull(Filter.IsNull isNull) {
    Field field = isNull.field();
    if (field.isAttribute()) {
      params.add(field.attribute());
      sql.append("(c.attributes ->> ?::text) IS ").append(isNull.negated() ? "NOT NULL" : "NULL");
      return;
    }
    ContactColumn column = column(field);
    if (column.type == Type.TAGS) {
      sql.append("cardinality(c.tags) ").append(isNull.negated() ? "> 0" : "= 0");
    } else {
      sql.append(column.sql()).append(" IS ").append(isNull.negated() ? "NOT NULL" : "NULL");
    }
  }

  private void has(Filter.Has has) {
    Field field = has.field();
    List<String> values = new ArrayList<>();
    for (Value v : has.values()) {
      values.add(text(v, field));
    }
    if (field.isAttribute()) {
      // A list attribute such as {"interests": ["golf", "tennis"]}.
      String one = "c.attributes @> jsonb_build_object(?::text, jsonb_build_array(?::text))";
      if (has.quantifier() == Filter.Quantifier.ALL) {
        sql.append("c.attributes @> jsonb_build_object(?::text, to_jsonb(?::text[]))");
        params.add(field.attribute());
        params.add(values);
        return;
      }
      sql.append('(');
      for (int i = 0; i < values.size(); i++) {
        sql.append(i == 0 ? "" : " OR ").append(one);
        params.add(field.attribute());
        params.add(values.get(i));
      }
      sql.append(')');
      return;
    }
    ContactColumn column = column(field);
    if (column.type != Type.TAGS) {
      throw new FilterSyntaxException(
          field.position(),
          "has works on tags and list attributes, not on " + column.column + "; use = or contains");
    }
    sql.append(
        has.quantifier() == Filter.Quantifier.ANY ? "c.tags && ?::text[]" : "c.tags @> ?::text[]");
    params.add(values);
  }

  private void contains(Filter.Contains contains) {
    Field field = contains.field();
    String text = text(contains.value(), field);
    String left;
    if (field.isAttribute()) {
      params.add(field.attribute());
      left = "(c.attributes ->> ?::text)";
    } else {
      ContactColumn column = column(field);
      if (column.type != Type.TEXT) {
        throw new FilterSyntaxException(
            field.position(),
            "contains works on text fields and attributes, not on " + column.column);
      }
      left = column.sql();
    }
    params.add("%" + likeEscaped(text) + "%");
    sql.append("coalesce(").append(left).append(" ILIKE ? ESCAPE '\\', false)");
  }

  // ------------------------------------------------------------------------------------------
  // values

  private static ContactColumn column(Field field) {
    return ContactColumn.named(field.name())
        .orElseThrow(
            () ->
                new FilterSyntaxException(
                    field.position(),
                    "expected a field ("
                        + ContactColumn.NAMES
                        + " or attributes.<name>), found '"
                        + field.name()
                        + "'"));
  }

  private static String text(Value value, Field field) {
    if (value instanceof Filter.Text t) {
      return t.value();
    }
    throw expected(value, "a \"string\" for " + field.shown());
  }

  /** A time value as SQL: now() ± a duration, or a date/time string bound as a timestamp. */
  private String time(Value value, Field field) {
    if (value instanceof Filter.Now now) {
      return nowSql(now);
    }
    if (value instanceof Filter.Text t) {
      params.add(instant(t).atOffset(ZoneOffset.UTC));
      return "?::timestamptz";
    }
    throw expected(
        value,
        "a time for " + field.shown() + ": now(), now() - 90d or a date such as \"2025-01-31\"");
  }

  private String nowSql(Filter.Now now) {
    params.add(now.offsetSeconds());
    return NOW;
  }

  private static Instant instant(Filter.Text t) {
    String text = t.value().strip();
    try {
      Instant instant =
          text.length() == 10
              ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
              : OffsetDateTime.parse(text).toInstant();
      int year = instant.atOffset(ZoneOffset.UTC).getYear();
      if (year < 1 || year > 9999) {
        throw new FilterSyntaxException(t.position(), "the year must be between 1 and 9999");
      }
      return instant;
    } catch (DateTimeException e) {
      throw new FilterSyntaxException(
          t.position(),
          "expected a date such as \"2025-01-31\" or \"2025-01-31T09:00:00Z\", found \""
              + t.value()
              + "\"");
    }
  }

  private static void checkConsent(String text, Value value) {
    if (!CONSENT.contains(text)) {
      throw new FilterSyntaxException(
          value.position(),
          "consent is one of granted, pending, none, withdrawn; found \"" + text + "\"");
    }
  }

  private static FilterSyntaxException expected(Value value, String what) {
    return new FilterSyntaxException(
        value.position(), "expected " + what + ", found " + value.describe());
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static String likeEscaped(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private FilterCompiler() {}
}
