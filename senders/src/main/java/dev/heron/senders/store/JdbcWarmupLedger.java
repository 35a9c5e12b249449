package dev.heron.senders.store;

import dev.heron.senders.delivery.StoreUnavailableException;
import dev.heron.senders.routing.WarmupLedger;
import dev.heron.sql.NamedQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;

/** Warmup counts in {@code warmup_usage}: one atomic upsert per message holds the cap exactly. */
public final class JdbcWarmupLedger implements WarmupLedger {
  private final DataSource dataSource;
  private final NamedQueries sql;

  public JdbcWarmupLedger(DataSource dataSource, NamedQueries sql) {
    this.dataSource = dataSource;
    this.sql = sql;
  }

  @Override
  public boolean take(String ip, LocalDate day, long cap) {
    if (cap <= 0) {
      return false;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.TAKE_WARMUP_SLOT))) {
      s.setString(1, ip);
      s.setObject(2, day);
      s.setLong(3, cap);
      try (ResultSet row = s.executeQuery()) {
        return row.next();
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "cannot count warmup of " + ip + ": " + e.getMessage(), e);
    }
  }
}
