package dev.heron.senders.store;

import dev.heron.events.BounceClass;
import dev.heron.events.EventType;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.senders.delivery.Completion;
import dev.heron.senders.delivery.DeliveryAttempt;
import dev.heron.senders.delivery.DeliveryStore;
import dev.heron.senders.delivery.StoreUnavailableException;
import dev.heron.senders.delivery.Verdict;
import dev.heron.sql.NamedQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
  public void recordOutcome(SendRequest request, Completion completion) {
    DeliveryAttempt outcome = completion.outcome();
    DeliveryAttempt.Reply reply = outcome.reply();
    BounceClass bounceClass = outcome.verdict().bounceClass();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.RECORD_OUTCOME))) {
      s.setString(1, outcome.verdict().type().name());
      s.setObject(2, timestamp(completion.completedAt()));
      s.setObject(3, timestamp(completion.sentAt()));
      s.setInt(4, completion.attempts());
      s.setString(5, outcome.sendingIp());
      s.setString(6, outcome.provider());
      s.setString(7, request.senderIdentity());
      s.setString(8, reply == null ? null : reply.text());
      s.setString(9, bounceClass == null ? null : bounceClass.wireName());
      s.setObject(10, reply == null ? null : reply.code(), Types.INTEGER);
      s.setString(11, reply == null ? null : reply.enhancedStatus());
      s.setString(12, outcome.reason());
      s.setObject(13, request.messageId());
      s.executeUpdate();
    } catch (SQLException e) {
      throw unavailable("record the outcome of " + request.messageId(), e);
    }
  }

  @Override
  public Optional<Completion> completion(SendRequest request) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.CLAIM_COMPLETION))) {
      s.setObject(1, request.messageId());
      try (ResultSet row = s.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        String bounceClass = row.getString("bounce_class");
        Verdict verdict =
            new Verdict(
                EventType.valueOf(row.getString("outcome")),
                bounceClass == null ? null : BounceClass.fromWire(bounceClass));
        String text = row.getString("smtp_response");
        Integer code = row.getObject("smtp_code", Integer.class);
        String enhanced = row.getString("enhanced_status");
        DeliveryAttempt.Reply reply =
            text == null && code == null ? null : new DeliveryAttempt.Reply(code, enhanced, text);
        Instant sentAt = instant(row.getObject("sent_at", OffsetDateTime.class));
        DeliveryAttempt outcome =
            new DeliveryAttempt(
                verdict,
                reply,
                row.getString("reason"),
                row.getString("sending_ip"),
                row.getString("provider"),
                sentAt);
        return Optional.of(
            new Completion(
                outcome,
                row.getInt("attempts"),
                sentAt,
                instant(row.getObject("outcome_at", OffsetDateTime.class))));
      }
    } catch (SQLException e) {
      throw unavailable("read the outcome of " + request.messageId(), e);
    }
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  private static StoreUnavailableException unavailable(String what, SQLException e) {
    return new StoreUnavailableException("cannot " + what + ": " + e.getMessage(), e);
  }
}
