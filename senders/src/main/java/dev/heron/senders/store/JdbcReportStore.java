package dev.heron.senders.store;

import dev.heron.events.Channel;
import dev.heron.senders.delivery.StoreUnavailableException;
import dev.heron.senders.reports.MessageFacts;
import dev.heron.senders.reports.ReportStore;
import dev.heron.sql.NamedQueries;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Messages from {@code message_claims} and {@code recipients}; unreadable reports kept. */
public final class JdbcReportStore implements ReportStore {
  private final DataSource dataSource;
  private final NamedQueries sql;

  public JdbcReportStore(DataSource dataSource, NamedQueries sql) {
    this.dataSource = dataSource;
    this.sql = sql;
  }

  @Override
  public Optional<MessageFacts> message(UUID messageId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.MESSAGE_FACTS))) {
      s.setObject(1, messageId);
      try (ResultSet row = s.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        String channel = row.getString("channel");
        return Optional.of(
            new MessageFacts(
                messageId,
                row.getObject("tenant_id", UUID.class),
                row.getObject("campaign_id", UUID.class),
                row.getObject("recipient_id", UUID.class),
                row.getObject("contact_id", UUID.class),
                channel == null ? Channel.EMAIL : Channel.fromWire(channel),
                row.getString("variant"),
                row.getString("sending_ip"),
                row.getString("provider"),
                row.getString("sender_identity")));
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "cannot read message " + messageId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void keepUnreadable(String kind, String reason, byte[] raw) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.KEEP_UNREADABLE_REPORT))) {
      s.setString(1, kind);
      s.setString(2, reason);
      // Text columns cannot hold NUL; a report is mail, so this loses nothing real.
      s.setString(3, new String(raw, StandardCharsets.UTF_8).replace("\u0000", ""));
      s.executeUpdate();
    } catch (SQLException e) {
      throw new StoreUnavailableException("cannot keep an unreadable report: " + e.getMessage(), e);
    }
  }
}
