package dev.heron.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one form Heron writes times in, {@code 2026-03-04T10:15:30.123456Z} (UTC, zero to nine
 * digits of fraction), without a {@code DateTimeFormatter}: that parse was half the cost of reading
 * an event. Any other form goes to {@link Instant#parse}, which reads every ISO-8601 instant.
 */
final class IsoInstants {
  private static final int SECONDS_END = 19;

  private IsoInstants() {}

  static Instant parse(String text) {
    int length = text.length();
    if (length < SECONDS_END + 1
        || text.charAt(length - 1) != 'Z'
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return Instant.parse(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nanos = 0;
    int end = length - 1;
    if (end > SECONDS_END) {
      int fractionDigits = end - SECONDS_END - 1;
      if (text.charAt(SECONDS_END) != '.' || fractionDigits < 1 || fractionDigits > 9) {
        return Instant.parse(text);
      }
      nanos = digits(text, SECONDS_END + 1, end);
      for (int i = fractionDigits; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || nanos < 0) {
      return Instant.parse(text);
    }
    // LocalDate checks the calendar (month lengths, leap years) and throws as Instant.parse would.
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The decimal number in {@code [from, to)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
