package dev.heron.api.paging;

import dev.heron.api.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The {@code from} and {@code to} query parameters of a read over time, [start, end): each an
 * ISO-8601 instant ({@code 2026-01-31T10:00:00Z}, with any offset) or a date (UTC midnight).
 * Without {@code to} the window ends now, without {@code from} it is {@code defaultLength} long; a
 * start not before the end is a 400 naming {@code from}.
 */
public record TimeWindow(Instant start, Instant end) {
  public static TimeWindow parse(String from, String to, Duration defaultLength, Instant now) {
    Instant end = isBlank(to) ? now : time(to, "to");
    Instant start = isBlank(from) ? end.minus(defaultLength) : time(from, "from");
    if (!start.isBefore(end)) {
      throw ApiException.badRequest(
          "from", "from: must be before to (" + start + " >= " + end + ")");
    }
    return new TimeWindow(start, end);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static Instant time(String value, String parameter) {
    String v = value.strip();
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException notADateTime) {
      try {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notADate) {
        throw ApiException.badRequest(
            parameter,
            parameter
                + ": '"
                + value
                + "' is not an ISO-8601 time such as 2026-01-31T10:00:00Z or a date such as"
                + " 2026-01-31");
      }
    }
  }
}
