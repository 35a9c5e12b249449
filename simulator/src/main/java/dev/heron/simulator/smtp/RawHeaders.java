package dev.heron.simulator.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads one header field from a raw RFC 5322 message without a MIME parser: the header block is
 * scanned up to the first empty line, folded lines are unfolded. Used on every accepted message,
 * where a full parse would cost more than the rest of the delivery.
 */
public final class RawHeaders {
  private RawHeaders() {}

  /** The unfolded value of the first {@code name} field, trimmed. */
  public static Optional<String> value(byte[] raw, String name) {
    String headers = new String(raw, 0, headerBlockLength(raw), StandardCharsets.ISO_8859_1);
    String[] lines = headers.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int colon = line.indexOf(':');
      if (colon <= 0 || !line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        continue;
      }
      StringBuilder value = new StringBuilder(line.substring(colon + 1));
      for (int next = i + 1;
          next < lines.length && !lines[next].isEmpty() && isFoldWhitespace(lines[next].charAt(0));
          next++) {
        value.append(' ').append(lines[next].trim());
      }
      return Optional.of(value.toString().trim());
    }
    return Optional.empty();
  }

  /** How many bytes the header block takes, up to (not including) the empty line. */
  public static int headerBlockLength(byte[] raw) {
    for (int i = 0; i + 1 < raw.length; i++) {
      if (raw[i] == '\n' && raw[i + 1] == '\n') {
        return i + 1;
      }
      if (raw[i] == '\n' && raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n') {
        return i + 1;
      }
    }
    return raw.length;
  }

  private static boolean isFoldWhitespace(char c) {
    return c == ' ' || c == '\t';
  }
}
