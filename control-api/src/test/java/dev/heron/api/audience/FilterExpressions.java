package dev.heron.api.audience;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random filter expressions for property tests: well-typed ones (which must compile and run), and
 * token soup from the language's own vocabulary (which must parse or fail with a position).
 */
final class FilterExpressions {
  private static final List<String> TEXT_FIELDS =
      List.of("email", "first_name", "lastName", "phone", "company", "description", "time_zone");
  private static final List<String> TIME_FIELDS =
      List.of(
          "created_at",
          "updated_at",
          "consent_at",
          "opted_out_at",
          "last_opened_at",
          "lastClickedAt");
  private static final List<String> ATTRIBUTES =
      List.of(
          "attributes.plan",
          "attributes.age",
          "attributes.\"First seen\"",
          "attributes.score",
          "attributes.signup",
          "attributes.interests",
          "attributes.x_1");

  /** A quoted string literal, with characters that need escaping now and then. */
  static Arbitrary<String> strings() {
    return Arbitraries.strings()
        .withChars("abcXYZ019 _%\\\"'@.-é中\n\t")
        .ofMaxLength(12)
        .map(FilterExpressions::quoted);
  }

  static String quoted(String s) {
    return "\""
        + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t")
        + "\"";
  }

  static Arbitrary<String> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().between(-1_000_000, 1_000_000).map(String::valueOf),
        Arbitraries.doubles()
            .between(-1e6, 1e6)
            .ofScale(3)
            .map(d -> java.math.BigDecimal.valueOf(d).toPlainString()),
        Arbitraries.of("0", "99999999999999999999999999.9999"));
  }

  static Arbitrary<String> times() {
    return Arbitraries.oneOf(
        Arbitraries.just("now()"),
        Combinators.combine(
                Arbitraries.of("+", "-"),
                Arbitraries.integers().between(0, 5000),
                Arbitraries.of("s", "m", "h", "d", "w"))
            .as((sign, n, unit) -> "now() " + sign + " " + n + unit),
        Arbitraries.of(
            "\"2024-02-29\"",
            "\"1970-01-01T00:00:00Z\"",
            "\"9999-12-31\"",
            "\"2025-06-01T09:30:00+02:00\""));
  }

  static Arbitrary<String> ops() {
    return Arbitraries.of("=", "==", "!=", "<>", "<", "<=", ">", ">=");
  }

  /** One well-typed condition. */
  static Arbitrary<String> conditions() {
    Arbitrary<String> text =
        Combinators.combine(Arbitraries.of(TEXT_FIELDS), ops(), strings())
            .as((f, o, v) -> f + " " + o + " " + v);
    Arbitrary<String> time =
        Combinators.combine(Arbitraries.of(TIME_FIELDS), ops(), times())
            .as((f, o, v) -> f + " " + o + " " + v);
    Arbitrary<String> attributeText =
        Combinators.combine(Arbitraries.of(ATTRIBUTES), ops(), strings())
            .as((f, o, v) -> f + " " + o + " " + v);
    Arbitrary<String> attributeNumber =
        Combinators.combine(Arbitraries.of(ATTRIBUTES), ops(), numbers())
            .as((f, o, v) -> f + " " + o + " " + v);
    Arbitrary<String> attributeTime =
        Combinators.combine(Arbitraries.of(ATTRIBUTES), ops(), Arbitraries.just("now() - 30d"))
            .as((f, o, v) -> f + " " + o + " " + v);
    Arbitrary<String> bool =
        Combinators.combine(
                Arbitraries.of("opted_out", "attributes.vip"),
                Arbitraries.of("=", "!="),
                Arbitraries.of("true", "false"))
            .as((f, o, v) -> f + " " + o + " " + v);
    Arbitrary<String> tags =
        Combinators.combine(
                Arbitraries.of("has ", "has any ", "has all "),
                strings().list().ofMinSize(1).ofMaxSize(3))
            .as(
                (q, vs) ->
                    "tags "
                        + q
                        + (q.equals("has ") ? vs.get(0) : "[" + String.join(", ", vs) + "]"));
    Arbitrary<String> attributeHas =
        Combinators.combine(
                Arbitraries.of(ATTRIBUTES),
                Arbitraries.of("has ", "has any ", "has all "),
                strings().list().ofMinSize(1).ofMaxSize(3))
            .as(
                (f, q, vs) ->
                    f
                        + " "
                        + q
                        + (q.equals("has ") ? vs.get(0) : "[" + String.join(", ", vs) + "]"));
    Arbitrary<String> in =
        Combinators.combine(
                Arbitraries.of(concat(TEXT_FIELDS, ATTRIBUTES)),
                Arbitraries.of(" in ", " not in "),
                strings().list().ofMinSize(1).ofMaxSize(4))
            .as((f, k, vs) -> f + k + "[" + String.join(", ", vs) + "]");
    Arbitrary<String> inNumbers =
        Combinators.combine(Arbitraries.of(ATTRIBUTES), numbers().list().ofMinSize(1).ofMaxSize(4))
            .as((f, vs) -> f + " in [" + String.join(", ", vs) + "]");
    Arbitrary<String> isNull =
        Combinators.combine(
                Arbitraries.of(
                    concat(
                        concat(TEXT_FIELDS, TIME_FIELDS),
                        concat(ATTRIBUTES, List.of("tags", "opted_out")))),
                Arbitraries.of(" is null", " is not null"))
            .as((f, n) -> f + n);
    Arbitrary<String> contains =
        Combinators.combine(Arbitraries.of(concat(TEXT_FIELDS, ATTRIBUTES)), strings())
            .as((f, v) -> f + " contains " + v);
    Arbitrary<String> consent =
        Arbitraries.of(
            "consent = \"granted\"",
            "consent in [\"none\", \"pending\"]",
            "consent != 'withdrawn'");
    return Arbitraries.oneOf(
        text,
        time,
        attributeText,
        attributeNumber,
        attributeTime,
        bool,
        tags,
        attributeHas,
        in,
        inNumbers,
        isNull,
        contains,
        consent);
  }

  /** Well-typed expressions: conditions joined with and/or, negated and parenthesised. */
  static Arbitrary<String> expressions() {
    return Arbitraries.recursive(
        FilterExpressions::conditions,
        inner ->
            Arbitraries.oneOf(
                Combinators.combine(inner, Arbitraries.of(" and ", " AND ", " or ", " Or "), inner)
                    .as((a, op, b) -> a + op + b),
                inner.map(e -> "not " + e),
                inner.map(e -> "(" + e + ")")),
        0,
        4);
  }

  /** Token soup: right words, wrong order. */
  static Arbitrary<String> tokenSoup() {
    Arbitrary<String> token =
        Arbitraries.oneOf(
            Arbitraries.of(
                "and",
                "or",
                "not",
                "in",
                "is",
                "null",
                "has",
                "any",
                "all",
                "contains",
                "true",
                "false",
                "now",
                "(",
                ")",
                "[",
                "]",
                ",",
                ".",
                "+",
                "-",
                "=",
                "!=",
                "<",
                ">=",
                "!",
                "90d",
                "12x",
                "1.",
                "3.5",
                "tags",
                "email",
                "attributes",
                "attributes.plan",
                "nope",
                "\"",
                "'x",
                "\\"),
            strings(),
            numbers());
    return token.list().ofMaxSize(25).map(ts -> String.join(" ", ts));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private FilterExpressions() {}
}
