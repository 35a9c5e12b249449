package dev.heron.senders.store;

import dev.heron.senders.routing.SendingIp;
import dev.heron.sql.NamedQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active rows of {@code sending_ips}. A failed read gives no IPs (the selector then uses its
 * fallback) rather than stopping delivery.
 */
public final class JdbcSendingIps implements Supplier<List<SendingIp>> {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcSendingIps.class);

  private final DataSource dataSource;
  private final NamedQueries sql;

  public JdbcSendingIps(DataSource dataSource, NamedQueries sql) {
    this.dataSource = dataSource;
    this.sql = sql;
  }

  @Override
  public List<SendingIp> get() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.ACTIVE_SENDING_IPS));
        ResultSet rows = s.executeQuery()) {
      List<SendingIp> ips = new ArrayList<>();
      while (rows.next()) {
        ips.add(new SendingIp(rows.getString("ip"), rows.getString("helo_name")));
      }
      return ips;
    } catch (SQLException e) {
      LOG.warn("cannot read sending_ips, using the configured list: {}", e.getMessage());
      return List.of();
    }
  }
}
