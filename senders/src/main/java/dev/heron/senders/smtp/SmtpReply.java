package dev.heron.senders.smtp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One reply of an SMTP server: its basic code, its RFC 3463 enhanced status code when it has one,
 * and the exact text as the server sent it (all lines of a multi-line reply, joined by newlines).
 *
 * @param code the three-digit reply code, or 0 when there was no reply (a local error)
 * @param enhancedStatus such as {@code 5.1.1}, or null
 */
public record SmtpReply(int code, String enhancedStatus, String text) {
  private static final Pattern CODE = Pattern.compile("^(\\d{3})(?:[ -]|$)");
  private static final Pattern ENHANCED =
      Pattern.compile("^\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})(?=\\s|$|[^\\d.])");

  /** Reads a reply as the server sent it; a text that starts with no code gives code 0. */
  public static SmtpReply parse(String text) {
    String reply = text == null ? "" : text.strip();
    Matcher code = CODE.matcher(reply);
    if (!code.find()) {
      return new SmtpReply(0, null, reply);
    }
    Matcher enhanced = ENHANCED.matcher(reply);
    return new SmtpReply(
        Integer.parseInt(code.group(1)), enhanced.find() ? enhanced.group(1) : null, reply);
  }

  /** The reply code with the text it came with, when the two are known apart. */
  public static SmtpReply of(int code, String text) {
    SmtpReply parsed = parse(text);
    if (parsed.code() == code) {
      return parsed;
    }
    return parse(code + " " + (text == null ? "" : text.strip()));
  }

  /** 2 for success, 4 for a transient failure, 5 for a permanent one, 0 for none. */
  public int codeClass() {
    return code / 100;
  }
}
