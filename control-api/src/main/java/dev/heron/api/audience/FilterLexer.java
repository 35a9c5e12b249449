package dev.heron.api.audience;

import dev.heron.api.audience.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a filter expression into tokens: words (field names and keywords), quoted strings with
 * backslash escapes, numbers, durations such as {@code 90d}, brackets and operators.
 */
final class FilterLexer {
  static final int MAX_LENGTH = 10_000;

  /** Numbers are plain decimals; a bound keeps them inside what PostgreSQL's numeric takes. */
  private static final int MAX_DIGITS = 30;

  private final String input;
  private int at;

  private FilterLexer(String input) {
    this.input = input;
  }

  static List<Token> tokens(String input) {
    if (input.length() > MAX_LENGTH) {
      throw new FilterSyntaxException(
          MAX_LENGTH + 1, "the expression is longer than " + MAX_LENGTH + " characters");
    }
    return new FilterLexer(input).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipSpace();
      if (at >= input.length()) {
        tokens.add(new Token(Kind.END, "", at + 1));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private void skipSpace() {
    while (at < input.length() && Character.isWhitespace(input.charAt(at))) {
      at++;
    }
  }

  private Token next() {
    int start = at;
    char c = input.charAt(at);
    switch (c) {
      case '(':
        return single(Kind.LPAREN);
      case ')':
        return single(Kind.RPAREN);
      case '[':
        return single(Kind.LBRACKET);
      case ']':
        return single(Kind.RBRACKET);
      case ',':
        return single(Kind.COMMA);
      case '.':
        return single(Kind.DOT);
      case '+':
        return single(Kind.PLUS);
      case '-':
        return single(Kind.MINUS);
      case '"':
      case '\'':
        return string(c);
      case '=':
        at += input.startsWith("==", at) ? 2 : 1;
        return new Token(Kind.OPERATOR, "=", start + 1);
      case '!':
        if (input.startsWith("!=", at)) {
          at += 2;
          return new Token(Kind.OPERATOR, "!=", start + 1);
        }
        throw new FilterSyntaxException(start + 1, "expected '!=', found '!'");
      case '<':
      case '>':
        return comparison(c);
      default:
        break;
    }
    if (isDigit(c)) {
      return number();
    }
    if (isWordStart(c)) {
      while (at < input.length() && isWordPart(input.charAt(at))) {
        at++;
      }
      return new Token(Kind.WORD, input.substring(start, at), start + 1);
    }
    throw new FilterSyntaxException(start + 1, "unexpected character " + shown(c));
  }

  private Token single(Kind kind) {
    at++;
    return new Token(kind, input.substring(at - 1, at), at);
  }

  private Token comparison(char c) {
    int start = at;
    at++;
    if (at < input.length() && input.charAt(at) == '=') {
      at++;
    } else if (c == '<' && at < input.length() && input.charAt(at) == '>') {
      at++;
      return new Token(Kind.OPERATOR, "!=", start + 1);
    }
    return new Token(Kind.OPERATOR, input.substring(start, at), start + 1);
  }

  private Token string(char quote) {
    int start = at;
    at++;
    StringBuilder text = new StringBuilder();
    while (at < input.length()) {
      char c = input.charAt(at++);
      if (c == quote) {
        return new Token(Kind.STRING, text.toString(), start + 1);
      }
      if (c == '\\') {
        if (at >= input.length()) {
          break;
        }
        char escaped = input.charAt(at++);
        switch (escaped) {
          case 'n' -> text.append('\n');
          case 't' -> text.append('\t');
          case '\\', '"', '\'' -> text.append(escaped);
          default ->
              throw new FilterSyntaxException(
                  at - 1, "unknown escape \\" + escaped + "; use \\\\, \\\", \\', \\n or \\t");
        }
        continue;
      }
      if (c == '\0') {
        // PostgreSQL text cannot hold a NUL character.
        throw new FilterSyntaxException(at, "a string cannot contain the NUL character");
      }
      text.append(c);
    }
    throw new FilterSyntaxException(start + 1, "the string that starts here is never closed");
  }

  private Token number() {
    int start = at;
    while (at < input.length() && isDigit(input.charAt(at))) {
      at++;
    }
    if (at < input.length() && input.charAt(at) == '.') {
      at++;
      if (at >= input.length() || !isDigit(input.charAt(at))) {
        throw new FilterSyntaxException(at + 1, "expected a digit after the decimal point");
      }
      while (at < input.length() && isDigit(input.charAt(at))) {
        at++;
      }
    }
    String digits = input.substring(start, at);
    if (digits.replace(".", "").length() > MAX_DIGITS) {
      throw new FilterSyntaxException(
          start + 1, "a number may have at most " + MAX_DIGITS + " digits");
    }
    if (at < input.length() && isWordPart(input.charAt(at))) {
      int unitStart = at;
      while (at < input.length() && isWordPart(input.charAt(at))) {
        at++;
      }
      String unit = input.substring(unitStart, at);
      if (digits.contains(".") || !Durations.isUnit(unit)) {
        throw new FilterSyntaxException(
            start + 1,
            "expected a number or a duration such as 90d, 12h, 30m, 2w or 45s, found '"
                + input.substring(start, at)
                + "'");
      }
      return new Token(Kind.DURATION, input.substring(start, at), start + 1);
    }
    return new Token(Kind.NUMBER, digits, start + 1);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || isDigit(c);
  }

  private static String shown(char c) {
    return Character.isISOControl(c) || Character.isWhitespace(c)
        ? String.format("U+%04X", (int) c)
        : "'" + c + "'";
  }
}
