package dev.heron.api.audience;

/**
 * A filter expression that cannot be read: where (1-based character position) and what was expected
 * there. The API answers it with a 400 on the field that held the expression.
 */
public final class FilterSyntaxException extends RuntimeException {
  private final int position;

  FilterSyntaxException(int position, String message) {
    super("at position " + position + ": " + message);
    this.position = position;
  }

  /** The 1-based character position of the problem in the expression. */
  public int position() {
    return position;
  }
}
