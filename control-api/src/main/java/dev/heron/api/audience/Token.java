package dev.heron.api.audience;

/** One lexical unit of a filter expression, with its 1-based starting position. */
record Token(Kind kind, String text, int position) {
  enum Kind {
    WORD,
    STRING,
    NUMBER,
    DURATION,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    DOT,
    PLUS,
    MINUS,
    OPERATOR,
    END
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** Whether this is the keyword {@code word} (keywords are case-insensitive). */
  boolean isWord(String word) {
    return kind == Kind.WORD && text.equalsIgnoreCase(word);
  }

  /** How the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case END -> "the end of the expression";
      case STRING -> "the string \"" + text + "\"";
      default -> "'" + text + "'";
    };
  }
}
