package dev.heron.senders.store;

import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.senders.delivery.DeliveryAttempt;
import dev.heron.senders.delivery.DeliveryStore;
import dev.heron.senders.delivery.StoreUnavailableException;
import dev.heron.sql.NamedQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Claims, refusals, links and outcomes in PostgreSQL ({@code message_claims} and friends). */
public final class JdbcDeliveryStore implements DeliveryStore {
  private final DataSource dataSource;
  private final NamedQueries sql;

  public JdbcDeliveryStore(DataSource dataSource, NamedQueries sql) {
    this.dataSource = dataSource;
    this.sql = sql;
  }

  @Override
  public boolean claim(SendRequest request, String claimedBy) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.CLAIM))) {
      s.setObject(1, request.messageId());
      s.setObject(2, request.tenantId());
      s.setString(3, claimedBy);
      s.setString(4, request.senderIdentity());
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw unavailable("claim message " + request.messageId(), e);
    }
  }

  @Override
  public Optional<String> refusal(SendRequest request) {
    MessageClass messageClass =
        request.messageClass() == null ? MessageClass.MARKETING : request.messageClass();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.REFUSAL))) {
      s.setObject(1, request.tenantId());
      s.setString(2, request.channel().wireName());
      s.setString(3, request.address().strip().toLowerCase(Locale.ROOT));
      s.setObject(4, request.contactId());
      s.setObject(5, request.tenantId());
      s.setString(6, messageClass.wireName());
      try (ResultSet rows = s.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw unavailable("check suppression for " + request.messageId(), e);
    }
  }

  @Override
  public void recordLinks(UUID messageId, List<String> urls) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.RECORD_LINK))) {
      for (int i = 0; i < urls.size(); i++) {
        s.setObject(1, messageId);
        s.setInt(2, i);
        s.setString(3, urls.get(i));
        s.addBatch();
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw unavailable("record the links of " + messageId, e);
    }
  }

  @Override
  public void recordOutcome(SendRequest request, DeliveryAttempt outcome, int attempts) {
    DeliveryAttempt.Reply reply = outcome.reply();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.RECORD_OUTCOME))) {
      s.setString(1, outcome.verdict().type().name());
      s.setInt(2, Math.max(attempts, 1));
      s.setString(3, outcome.sendingIp());
      s.setString(4, outcome.provider());
      s.setString(5, request.senderIdentity());
      s.setString(6, reply == null ? null : reply.text());
      s.setString(
          7,
          outcome.verdict().bounceClass() == null
              ? null
              : outcome.verdict().bounceClass().wireName());
      if (reply == null || reply.code() == null) {
        s.setNull(8, Types.INTEGER);
      } else {
        s.setInt(8, reply.code());
      }
      s.setString(9, reply == null ? null : reply.enhancedStatus());
      s.setString(10, outcome.reason());
      s.setObject(11, request.messageId());
      s.executeUpdate();
    } catch (SQLException e) {
      throw unavailable("record the outcome of " + request.messageId(), e);
    }
  }

  private static StoreUnavailableException unavailable(String what, SQLException e) {
    return new StoreUnavailableException("cannot " + what + ": " + e.getMessage(), e);
  }
}
