package dev.heron.api.dispatch;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The From header value of a sender identity: {@code "Name" <address>}, RFC 5322 and 2047. */
final class FromHeader {
  static String format(String name, String address) {
    if (address == null) {
      return null;
    }
    if (name == null || name.isBlank()) {
      return address;
    }
    return display(name.strip()) + " <" + address + ">";
  }

  private static String display(String name) {
    boolean ascii = name.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    if (!ascii) {
      // A non-ASCII display name travels as an encoded-word.
      return "=?UTF-8?B?"
          + Base64.getEncoder().encodeToString(name.getBytes(StandardCharsets.UTF_8))
          + "?=";
    }
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private FromHeader() {}
}
