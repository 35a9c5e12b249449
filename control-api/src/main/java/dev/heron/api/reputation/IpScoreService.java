package dev.heron.api.reputation;

import dev.heron.api.db.Db;
import dev.heron.api.db.Rows;
import dev.heron.api.error.ApiException;
import dev.heron.api.paging.TimeWindow;
import dev.heron.events.IpScore;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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
    return db.transaction(tx -> tx.list(CURRENT, IpScoreService::score, tenantId));
  }

  List<IpScore> history(
      UUID tenantId, String ip, String from, String to, Integer limit, Instant now) {
    String address = SendingIps.checked(ip, "ip");
    TimeWindow window = TimeWindow.parse(from, to, DEFAULT_HISTORY, now);
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
          return tx.list(
              HISTORY, IpScoreService::score, address, window.start(), window.end(), rows);
        });
  }

  /** One snapshot row of ip_reputation (or its current value). */
  private static IpScore score(ResultSet row) throws SQLException {
    return new IpScore(
        row.getString("ip"),
        row.getString("provider"),
        Rows.instant(row, "computed_at"),
        row.getLong("volume"),
        row.getDouble("delivery_rate"),
        row.getDouble("bounce_rate"),
        row.getDouble("complaint_rate"),
        row.getDouble("deferral_rate"),
        row.getDouble("score"));
  }
}
