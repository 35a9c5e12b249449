package dev.heron.senders.store;

import dev.heron.events.BounceClass;
import dev.heron.events.Decoded;
import dev.heron.events.EventType;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.events.WireCodec;
import dev.heron.senders.delivery.Completion;
import dev.heron.senders.delivery.DeliveryAttempt;
import dev.heron.senders.delivery.DeliveryStore;
import dev.heron.senders.delivery.PendingRetry;
import dev.heron.senders.delivery.StoreUnavailableException;
import dev.heron.senders.delivery.Verdict;
import dev.heron.sql.NamedQueries;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** Claims, refusals, links and outcomes in PostgreSQL ({@code message_claims} and friends). */
public final class JdbcDeliveryStore implements DeliveryStore {
  private final DataSource dataSource;
  private final NamedQueries sql;
  private final UUID[] tenantScope;
  private final Duration lease;

  /**
   * @param tenantScope the tenants whose retries this store gives out; empty for all
   * @param lease how long a claimed or taken message may go unrenewed before its watchdog retry
   *     falls due (its sender renews it while the message is in flight)
   */
  public JdbcDeliveryStore(
      DataSource dataSource, NamedQueries sql, Set<UUID> tenantScope, Duration lease) {
    this.dataSource = dataSource;
    this.sql = sql;
    this.tenantScope = tenantScope.toArray(UUID[]::new);
    this.lease = lease;
  }

  @Override
  public boolean claim(SendRequest request, String claimedBy) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.CLAIM))) {
      s.setObject(1, request.messageId());
      s.setObject(2, request.tenantId());
      s.setString(3, claimedBy);
      s.setString(4, request.senderIdentity());
      s.setString(5, new String(WireCodec.SENDS.encode(request), StandardCharsets.UTF_8));
      s.setDouble(6, seconds(lease));
      try (ResultSet claimed = s.executeQuery()) {
        return claimed.next();
      }
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
      s.setObject(1, request.messageId());
      s.setString(2, outcome.verdict().type().name());
      s.setObject(3, timestamp(completion.completedAt()));
      s.setObject(4, timestamp(completion.sentAt()));
      s.setInt(5, completion.attempts());
      s.setString(6, outcome.sendingIp());
      s.setString(7, outcome.provider());
      s.setString(8, request.senderIdentity());
      s.setString(9, reply == null ? null : reply.text());
      s.setString(10, bounceClass == null ? null : bounceClass.wireName());
      s.setObject(11, reply == null ? null : reply.code(), Types.INTEGER);
      s.setString(12, reply == null ? null : reply.enhancedStatus());
      s.setString(13, outcome.reason());
      s.setObject(14, request.messageId());
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

  @Override
  public void scheduleRetry(PendingRetry retry) {
    SendRequest request = retry.request();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.SCHEDULE_RETRY))) {
      s.setObject(1, request.messageId());
      s.setObject(2, request.tenantId());
      s.setString(3, new String(WireCodec.SENDS.encode(request), StandardCharsets.UTF_8));
      s.setInt(4, retry.attempt());
      s.setObject(5, timestamp(retry.dueAt()));
      s.setObject(6, timestamp(retry.firstAttemptAt()));
      s.setObject(7, timestamp(retry.sentAt()));
      s.setString(8, retry.sendingIp());
      s.executeUpdate();
    } catch (SQLException e) {
      throw unavailable("schedule the retry of " + request.messageId(), e);
    }
  }

  @Override
  public List<PendingRetry> takeDueRetries(int limit) {
    List<PendingRetry> due = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.TAKE_DUE_RETRIES))) {
      s.setDouble(1, seconds(lease));
      s.setArray(2, c.createArrayOf("uuid", tenantScope));
      s.setArray(3, c.createArrayOf("uuid", tenantScope));
      s.setInt(4, limit);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          Decoded<SendRequest> request =
              WireCodec.SENDS.decode(rows.getString("request").getBytes(StandardCharsets.UTF_8));
          if (request instanceof Decoded.Valid<SendRequest> valid) {
            due.add(
                new PendingRetry(
                    valid.value(),
                    rows.getInt("attempt"),
                    null,
                    instant(rows.getObject("first_attempt_at", OffsetDateTime.class)),
                    instant(rows.getObject("sent_at", OffsetDateTime.class)),
                    rows.getString("sending_ip")));
          }
        }
      }
    } catch (SQLException e) {
      throw unavailable("take due retries", e);
    }
    return due;
  }

  @Override
  public void renewLeases(Map<UUID, Integer> inFlight) {
    UUID[] ids = new UUID[inFlight.size()];
    Integer[] attempts = new Integer[inFlight.size()];
    int i = 0;
    for (Map.Entry<UUID, Integer> held : inFlight.entrySet()) {
      ids[i] = held.getKey();
      attempts[i++] = held.getValue();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.RENEW_LEASES))) {
      s.setDouble(1, seconds(lease));
      s.setArray(2, c.createArrayOf("uuid", ids));
      s.setArray(3, c.createArrayOf("integer", attempts));
      s.executeUpdate();
    } catch (SQLException e) {
      throw unavailable("renew the leases of " + ids.length + " messages in flight", e);
    }
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
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
