package dev.heron.api.audience;

import java.util.Map;

/**
 * Durations written as a whole number and a unit: {@code 45s}, {@code 30m}, {@code 12h}, {@code
 * 90d}, {@code 2w}.
 */
final class Durations {
  private static final Map<String, Long> UNIT_SECONDS =
      Map.of("s", 1L, "m", 60L, "h", 3600L, "d", 86_400L, "w", 604_800L);

  /**
   * A bound far inside PostgreSQL's timestamp range, so that now() ± a duration never overflows.
   */
  static final long MAX_SECONDS = 200L * 366 * 86_400;

  static boolean isUnit(String unit) {
    return UNIT_SECONDS.containsKey(unit);
  }

  /** The duration in seconds; {@code text} is a DURATION token. */
  static long seconds(String text, int position) {
    String unit = text.substring(text.length() - 1);
    String amount = text.substring(0, text.length() - 1);
    long seconds;
    try {
      seconds = Math.multiplyExact(Long.parseLong(amount), UNIT_SECONDS.get(unit));
    } catch (NumberFormatException | ArithmeticException e) {
      seconds = Long.MAX_VALUE;
    }
    if (seconds > MAX_SECONDS) {
      throw new FilterSyntaxException(
          position, "the duration " + text + " is longer than 200 years");
    }
    return seconds;
  }

  private Durations() {}
}
