package dev.heron.simulator.smtp;

/** An SMTP reply line as the client sees it, e.g. {@code 550 5.1.1 The email account…}. */
public record Reply(int code, String text) {
  /** Parses a reply line that starts with a three-digit code. */
  public static Reply parse(String line) {
    if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("a reply must start with a 3-digit code: '" + line + "'");
    }
    return new Reply(Integer.parseInt(line.substring(0, 3)), line);
  }

  /** The text after the code, which is what a reply carries besides it. */
  public String afterCode() {
    return text.length() > 4 ? text.substring(4) : "";
  }

  public boolean positive() {
    return code >= 200 && code < 300;
  }
}
