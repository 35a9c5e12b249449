package dev.heron.senders.dkim;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * RFC 6376 §3.4.2 and §3.4.4 ("relaxed") on a message's bytes: header fields unfolded with runs of
 * whitespace as one space, body lines without trailing whitespace and without the empty lines at
 * the end. Works on the bytes that go to the socket, so the signature covers exactly what is sent.
 */
final class RelaxedCanonicalization {
  private RelaxedCanonicalization() {}

  /**
   * The message with every line ended by CRLF, as SMTP carries it (a MIME writer may leave bare LF
   * in a 7bit body); the same array when it already is.
   */
  static byte[] withCrlf(byte[] message) {
    int bare = 0;
    for (int i = 0; i < message.length; i++) {
      byte b = message[i];
      if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
        bare++;
      } else if (b == '\r' && (i + 1 == message.length || message[i + 1] != '\n')) {
        bare++;
      }
    }
    if (bare == 0) {
      return message;
    }
    byte[] out = new byte[message.length + bare];
    int o = 0;
    for (int i = 0; i < message.length; i++) {
      byte b = message[i];
      if (b == '\n' && (i == 0 || message[i - 1] != '\r')) {
        out[o++] = '\r';
        out[o++] = '\n';
      } else if (b == '\r' && (i + 1 == message.length || message[i + 1] != '\n')) {
        out[o++] = '\r';
        out[o++] = '\n';
      } else {
        out[o++] = b;
      }
    }
    return out;
  }

  /**
   * Where the body starts in a CRLF message: after the first empty line ({@code length} when there
   * is none). The header block is {@code [0, bodyStart - 2)}.
   */
  static int bodyStart(byte[] message) {
    if (message.length >= 2 && message[0] == '\r' && message[1] == '\n') {
      return 2;
    }
    for (int i = 0; i + 3 < message.length; i++) {
      if (message[i] == '\r'
          && message[i + 1] == '\n'
          && message[i + 2] == '\r'
          && message[i + 3] == '\n') {
        return i + 4;
      }
    }
    return message.length;
  }

  /** Feeds the relaxed form of the body {@code [from, message.length)} into {@code digest}. */
  static void digestBody(byte[] message, int from, MessageDigest digest) {
    // Empty lines are held back until a non-empty one follows: those at the end are dropped.
    int pendingEmptyLines = 0;
    byte[] line = new byte[256];
    int lineStart = from;
    while (lineStart < message.length) {
      int lineEnd = lineStart;
      while (lineEnd < message.length
          && !(message[lineEnd] == '\r'
              && lineEnd + 1 < message.length
              && message[lineEnd + 1] == '\n')) {
        lineEnd++;
      }
      if (line.length < lineEnd - lineStart + 2) {
        line = new byte[(lineEnd - lineStart + 2) * 2];
      }
      int length = relaxLine(message, lineStart, lineEnd, line);
      if (length == 0) {
        pendingEmptyLines++;
      } else {
        for (; pendingEmptyLines > 0; pendingEmptyLines--) {
          digest.update(CRLF);
        }
        line[length] = '\r';
        line[length + 1] = '\n';
        digest.update(line, 0, length + 2);
      }
      lineStart = lineEnd + 2;
    }
  }

  /** One body line: runs of WSP as one SP, none at the end; returns the length written. */
  private static int relaxLine(byte[] message, int from, int to, byte[] out) {
    int length = 0;
    boolean inSpace = false;
    for (int i = from; i < to; i++) {
      byte b = message[i];
      if (b == ' ' || b == '\t') {
        inSpace = true;
      } else {
        if (inSpace) {
          out[length++] = ' ';
          inSpace = false;
        }
        out[length++] = b;
      }
    }
    return length;
  }

  /**
   * A header field ({@code [from, to)}, folded lines included, no final CRLF) in relaxed form
   * without a CRLF: the name in lower case, a colon, the unfolded value with runs of WSP as one SP
   * and none at either end. Never longer than the field, so it is built in one array.
   */
  static byte[] header(byte[] message, int from, int to) {
    byte[] out = new byte[to - from + 1];
    int length = 0;
    int colon = from;
    while (colon < to && message[colon] != ':') {
      colon++;
    }
    int nameEnd = colon;
    while (nameEnd > from && isWhitespace(message[nameEnd - 1])) {
      nameEnd--;
    }
    for (int i = from; i < nameEnd; i++) {
      byte b = message[i];
      out[length++] = b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
    }
    out[length++] = ':';
    boolean started = false;
    boolean inSpace = false;
    for (int i = colon + 1; i < to; i++) {
      byte b = message[i];
      if (b == '\r' || b == '\n') {
        continue; // unfolding
      }
      if (b == ' ' || b == '\t') {
        inSpace = true;
      } else {
        if (inSpace && started) {
          out[length++] = ' ';
        }
        inSpace = false;
        started = true;
        out[length++] = b;
      }
    }
    return Arrays.copyOf(out, length);
  }

  private static boolean isWhitespace(byte b) {
    return b == ' ' || b == '\t';
  }

  static final byte[] CRLF = {'\r', '\n'};
}
