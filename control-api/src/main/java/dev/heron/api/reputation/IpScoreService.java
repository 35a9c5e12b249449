package dev.heron.api.reputation;

import dev.heron.api.db.Db;
import dev.heron.api.error.ApiException;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

@Singleton
class IpScoreService {
  static final String FILE = "reads";
  static final String CURRENT = "ip-scores-current";
  static final String VISIBLE = "ip-visible";
  static final String HISTORY = "ip-score-history";
  static final Duration DEFAULT_HISTORY = Duration.ofDays(7);
  static final int MAX_ROWS = 5_000;

  private final Db db;

  IpScoreService(Db db) {
    this.db = db.withQueries(FILE, CURRENT, VISIBLE, HISTORY);
  }

  List<IpScore> current(UUID tenantId) {
    return db.transaction(tx -> tx.list(CURRENT, IpScore::of, tenantId));
  }

  List<IpScore> history(
      UUID tenantId, String ip, String from, String to, Integer limit, Instant now) {
    String address = SendingIps.checked(ip, "ip");
    Instant end = to == null || to.isBlank() ? now : time(to, "to");
    Instant start =
        from == null || from.isBlank() ? end.minus(DEFAULT_HISTORY) : time(from, "from");
    if (!start.isBefore(end)) {
      throw ApiException.badRequest(
          "from", "from: must be before to (" + start + " >= " + end + ")");
    }
    int rows = limit == null ? 1_000 : limit;
    if (rows < 1 || rows > MAX_ROWS) {
      throw ApiException.badRequest(
          "limit", "limit: must be between 1 and " + MAX_ROWS + ", was " + rows);
    }
    return db.transaction(
        tx -> {
          if (tx.one(VISIBLE, row -> true, address, tenantId).isEmpty()) {
            throw ApiException.notFound("sending IP", address);
          }
          return tx.list(HISTORY, IpScore::of, address, start, end, rows);
        });
  }

  /** An ISO-8601 instant (any offset) or a date (UTC midnight), as the insights accept them. */
  static Instant time(String value, String parameter) {
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
                + "' is not an ISO-8601 time such as 2026-01-31T10:00:00Z or a date");
      }
    }
  }
}
