package dev.heron.api.contact;

import java.nio.charset.StandardCharsets;

/**
 * Rows in PostgreSQL's {@code COPY … FROM STDIN} text format: columns separated by tabs, rows by
 * newlines, {@code \N} for null, and backslash escapes for the characters that would otherwise end
 * a column or a row. Any text a CSV cell can hold survives the trip unchanged.
 */
final class CopyText {
  private final StringBuilder text = new StringBuilder(1 << 16);
  private boolean rowStarted;

  /** Appends one column of the current row. */
  CopyText column(String value) {
    if (rowStarted) {
      text.append('\t');
    }
    rowStarted = true;
    if (value == null) {
      text.append("\\N");
      return this;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> text.append("\\\\");
        case '\t' -> text.append("\\t");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        default -> text.append(c);
      }
    }
    return this;
  }

  /** Ends the current row. */
  CopyText endRow() {
    text.append('\n');
    rowStarted = false;
    return this;
  }

  byte[] bytes() {
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
