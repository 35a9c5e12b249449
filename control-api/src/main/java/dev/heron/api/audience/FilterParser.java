package dev.heron.api.audience;

import dev.heron.api.audience.Filter.Field;
import dev.heron.api.audience.Filter.Quantifier;
import dev.heron.api.audience.Filter.Value;
import dev.heron.api.audience.Token.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the filter expression language:
 *
 * <pre>
 * expression := or
 * or         := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | "(" expression ")" | condition
 * condition  := field ( op value
 *                     | ["not"] "in" "[" value ("," value)* "]"
 *                     | "is" ["not"] "null"
 *                     | "has" (value | ("any" | "all") "[" value ("," value)* "]")
 *                     | "contains" value )
 * field      := name | "attributes" "." (name | string)
 * value      := string | ["-"] number | "true" | "false" | "now" "(" ")" [("+" | "-") duration]
 * op         := "=" | "!=" | "<" | "<=" | ">" | ">="
 * </pre>
 *
 * Keywords are case-insensitive. Every refusal is a {@link FilterSyntaxException} naming the
 * position and what was expected there.
 */
final class FilterParser {
  /** Deep enough for any hand-written filter, shallow enough to never exhaust the stack. */
  static final int MAX_DEPTH = 64;

  static final int MAX_LIST = 1000;

  private static final Set<String> RESERVED =
      Set.of(
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
          "now");

  private final List<Token> tokens;
  private int next;
  private int depth;

  private FilterParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Filter parse(String input) {
    FilterParser parser = new FilterParser(FilterLexer.tokens(input));
    if (parser.peek().is(Kind.END)) {
      throw new FilterSyntaxException(
          1, "expected a condition such as tags has \"vip\", found nothing");
    }
    Filter filter = parser.or();
    Token rest = parser.peek();
    if (!rest.is(Kind.END)) {
      throw new FilterSyntaxException(
          rest.position(), "expected 'and', 'or' or the end, found " + rest.describe());
    }
    return filter;
  }

  private Filter or() {
    Filter left = and();
    while (peek().isWord("or")) {
      advance();
      left = new Filter.Or(left, and());
    }
    return left;
  }

  private Filter and() {
    Filter left = unary();
    while (peek().isWord("and")) {
      advance();
      left = new Filter.And(left, unary());
    }
    return left;
  }

  private Filter unary() {
    Token token = peek();
    if (++depth > MAX_DEPTH) {
      throw new FilterSyntaxException(
          token.position(), "the expression nests deeper than " + MAX_DEPTH + " levels");
    }
    try {
      if (token.isWord("not")) {
        advance();
        return new Filter.Not(unary());
      }
      if (token.is(Kind.LPAREN)) {
        advance();
        Filter inner = or();
        expect(Kind.RPAREN, "')'");
        return inner;
      }
      return condition();
    } finally {
      depth--;
    }
  }

  private Filter condition() {
    Field field = field();
    Token op = advance();
    if (op.is(Kind.OPERATOR)) {
      return new Filter.Compare(field, op.text(), value(), op.position());
    }
    if (op.isWord("in")) {
      return new Filter.In(field, false, list());
    }
    if (op.isWord("not")) {
      Token in = advance();
      if (!in.isWord("in")) {
        throw new FilterSyntaxException(
            in.position(), "expected 'in' after 'not', found " + in.describe());
      }
      return new Filter.In(field, true, list());
    }
    if (op.isWord("is")) {
      boolean negated = false;
      Token word = advance();
      if (word.isWord("not")) {
        negated = true;
        word = advance();
      }
      if (!word.isWord("null")) {
        throw new FilterSyntaxException(
            word.position(), "expected 'null' after 'is', found " + word.describe());
      }
      return new Filter.IsNull(field, negated);
    }
    if (op.isWord("has")) {
      if (peek().isWord("any") || peek().isWord("all")) {
        Quantifier quantifier = advance().isWord("any") ? Quantifier.ANY : Quantifier.ALL;
        return new Filter.Has(field, quantifier, list());
      }
      return new Filter.Has(field, Quantifier.ONE, List.of(value()));
    }
    if (op.isWord("contains")) {
      return new Filter.Contains(field, value());
    }
    throw new FilterSyntaxException(
        op.position(),
        "expected an operator (=, !=, <, <=, >, >=, in, not in, is null, has, contains) after "
            + field.shown()
            + ", found "
            + op.describe());
  }

  private Field field() {
    Token name = advance();
    if (!name.is(Kind.WORD) || RESERVED.contains(name.text().toLowerCase(java.util.Locale.ROOT))) {
      throw new FilterSyntaxException(
          name.position(),
          "expected a field such as tags, email, last_opened_at or attributes.plan, found "
              + name.describe());
    }
    if (!name.text().equals("attributes")) {
      return new Field(name.text(), null, name.position());
    }
    Token dot = advance();
    if (!dot.is(Kind.DOT)) {
      throw new FilterSyntaxException(
          dot.position(),
          "expected '.' and an attribute name after 'attributes', found " + dot.describe());
    }
    Token key = advance();
    if (!key.is(Kind.WORD) && !key.is(Kind.STRING)) {
      throw new FilterSyntaxException(
          key.position(),
          "expected an attribute name after 'attributes.', found " + key.describe());
    }
    if (key.text().isEmpty()) {
      throw new FilterSyntaxException(key.position(), "an attribute name cannot be empty");
    }
    return new Field("attributes", key.text(), name.position());
  }

  private List<Value> list() {
    expect(Kind.LBRACKET, "'['");
    List<Value> values = new ArrayList<>();
    values.add(value());
    while (peek().is(Kind.COMMA)) {
      advance();
      values.add(value());
      if (values.size() > MAX_LIST) {
        throw new FilterSyntaxException(
            peek().position(), "a list may hold at most " + MAX_LIST + " values");
      }
    }
    expect(Kind.RBRACKET, "',' or ']'");
    return values;
  }

  private Value value() {
    Token token = advance();
    switch (token.kind()) {
      case STRING:
        return new Filter.Text(token.text(), token.position());
      case NUMBER:
        return new Filter.Number(new BigDecimal(token.text()), token.position());
      case MINUS:
        Token number = advance();
        if (!number.is(Kind.NUMBER)) {
          throw new FilterSyntaxException(
              number.position(), "expected a number after '-', found " + number.describe());
        }
        return new Filter.Number(new BigDecimal(number.text()).negate(), token.position());
      case WORD:
        if (token.isWord("true") || token.isWord("false")) {
          return new Filter.Bool(token.isWord("true"), token.position());
        }
        if (token.isWord("now")) {
          return now(token);
        }
        break;
      default:
        break;
    }
    throw new FilterSyntaxException(
        token.position(),
        "expected a value (a \"string\", a number, true, false or now()), found "
            + token.describe());
  }

  private Value now(Token now) {
    expect(Kind.LPAREN, "'(' after now");
    expect(Kind.RPAREN, "')'");
    Token sign = peek();
    if (!sign.is(Kind.PLUS) && !sign.is(Kind.MINUS)) {
      return new Filter.Now(0, now.position());
    }
    advance();
    Token duration = advance();
    if (!duration.is(Kind.DURATION)) {
      throw new FilterSyntaxException(
          duration.position(),
          "expected a duration such as 90d, 12h, 30m, 2w or 45s, found " + duration.describe());
    }
    long seconds = Durations.seconds(duration.text(), duration.position());
    return new Filter.Now(sign.is(Kind.MINUS) ? -seconds : seconds, now.position());
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token advance() {
    Token token = tokens.get(next);
    if (!token.is(Kind.END)) {
      next++;
    }
    return token;
  }

  private void expect(Kind kind, String what) {
    Token token = advance();
    if (!token.is(kind)) {
      throw new FilterSyntaxException(
          token.position(), "expected " + what + ", found " + token.describe());
    }
  }
}
