package dev.heron.senders.store;

import dev.heron.events.BounceClass;
import dev.heron.events.Decoded;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.events.WireCodec;
import dev.heron.senders.delivery.BadRecordException;
import dev.heron.senders.delivery.Completion;
import dev.heron.senders.delivery.DeliveryAttempt;
import dev.heron.senders.delivery.DeliveryStore;
import dev.heron.senders.delivery.DueRetries;
import dev.heron.senders.delivery.FailedMessage;
import dev.heron.senders.delivery.Outcome;
import dev.heron.senders.delivery.PendingRetry;
import dev.heron.senders.delivery.RetrySetApart;
import dev.heron.senders.delivery.StoreUnavailableException;
import dev.heron.senders.delivery.UnreadableRetry;
import dev.heron.senders.delivery.Verdict;
import dev.heron.sql.NamedQueries;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
  public Set<UUID> claim(List<SendRequest> requests, String claimedBy) {
    int n = requests.size();
    UUID[] ids = new UUID[n];
    UUID[] tenants = new UUID[n];
    String[] identities = new String[n];
    String[] encoded = new String[n];
    for (int i = 0; i < n; i++) {
      SendRequest r = requests.get(i);
      ids[i] = r.messageId();
      tenants[i] = r.tenantId();
      identities[i] = r.senderIdentity();
      encoded[i] = new String(WireCodec.SENDS.encode(r), StandardCharsets.UTF_8);
    }
    Set<UUID> claimed = new HashSet<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.CLAIM))) {
      s.setArray(1, c.createArrayOf("uuid", ids));
      s.setArray(2, c.createArrayOf("uuid", tenants));
      s.setArray(3, c.createArrayOf("text", identities));
      s.setArray(4, c.createArrayOf("text", encoded));
      s.setString(5, claimedBy);
      s.setDouble(6, seconds(lease));
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          claimed.add(rows.getObject(1, UUID.class));
        }
      }
    } catch (SQLException e) {
      throw unavailable("claim " + n + " messages", e);
    }
    return claimed;
  }

  @Override
  public Map<UUID, String> refusals(List<SendRequest> requests) {
    int n = requests.size();
    UUID[] ids = new UUID[n];
    UUID[] tenants = new UUID[n];
    String[] channels = new String[n];
    String[] addresses = new String[n];
    UUID[] contacts = new UUID[n];
    String[] classes = new String[n];
    for (int i = 0; i < n; i++) {
      SendRequest r = requests.get(i);
      ids[i] = r.messageId();
      tenants[i] = r.tenantId();
      channels[i] = r.channel().wireName();
      addresses[i] = r.address().strip().toLowerCase(Locale.ROOT);
      contacts[i] = r.contactId();
      classes[i] =
          (r.messageClass() == null ? MessageClass.MARKETING : r.messageClass()).wireName();
    }
    Map<UUID, String> refusals = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.REFUSALS))) {
      s.setArray(1, c.createArrayOf("uuid", ids));
      s.setArray(2, c.createArrayOf("uuid", tenants));
      s.setArray(3, c.createArrayOf("text", channels));
      s.setArray(4, c.createArrayOf("text", addresses));
      s.setArray(5, c.createArrayOf("uuid", contacts));
      s.setArray(6, c.createArrayOf("text", classes));
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          refusals.put(rows.getObject(1, UUID.class), rows.getString(2));
        }
      }
    } catch (SQLException e) {
      throw unavailable("check suppression for " + n + " messages", e);
    }
    return refusals;
  }

  @Override
  public void recordLinks(Map<UUID, List<String>> linksByMessage) {
    List<UUID> ids = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    List<String> urls = new ArrayList<>();
    linksByMessage.forEach(
        (id, links) -> {
          for (int i = 0; i < links.size(); i++) {
            ids.add(id);
            indexes.add(i);
            urls.add(links.get(i));
          }
        });
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.RECORD_LINKS))) {
      s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      s.setArray(2, c.createArrayOf("integer", indexes.toArray()));
      s.setArray(3, c.createArrayOf("text", urls.toArray()));
      s.executeUpdate();
    } catch (SQLException e) {
      throw unavailable("record the links of " + linksByMessage.size() + " messages", e);
    }
  }

  @Override
  public void recordOutcomes(List<Outcome> outcomes) {
    int n = outcomes.size();
    UUID[] ids = new UUID[n];
    String[] types = new String[n];
    String[] outcomeAt = new String[n];
    String[] sentAt = new String[n];
    Integer[] attempts = new Integer[n];
    String[] ips = new String[n];
    String[] providers = new String[n];
    String[] identities = new String[n];
    String[] responses = new String[n];
    String[] bounceClasses = new String[n];
    Integer[] codes = new Integer[n];
    String[] enhanced = new String[n];
    String[] reasons = new String[n];
    for (int i = 0; i < n; i++) {
      Outcome o = outcomes.get(i);
      Completion completion = o.completion();
      DeliveryAttempt outcome = completion.outcome();
      DeliveryAttempt.Reply reply = outcome.reply();
      BounceClass bounceClass = outcome.verdict().bounceClass();
      ids[i] = o.request().messageId();
      types[i] = outcome.verdict().type().name();
      outcomeAt[i] = text(completion.completedAt());
      sentAt[i] = text(completion.sentAt());
      attempts[i] = completion.attempts();
      ips[i] = outcome.sendingIp();
      providers[i] = outcome.provider();
      identities[i] = o.request().senderIdentity();
      responses[i] = reply == null ? null : reply.text();
      bounceClasses[i] = bounceClass == null ? null : bounceClass.wireName();
      codes[i] = reply == null ? null : reply.code();
      enhanced[i] = reply == null ? null : reply.enhancedStatus();
      reasons[i] = outcome.reason();
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.RECORD_OUTCOMES))) {
      s.setArray(1, c.createArrayOf("uuid", ids));
      s.setArray(2, c.createArrayOf("text", types));
      s.setArray(3, c.createArrayOf("text", outcomeAt));
      s.setArray(4, c.createArrayOf("text", sentAt));
      s.setArray(5, c.createArrayOf("integer", attempts));
      s.setArray(6, c.createArrayOf("text", ips));
      s.setArray(7, c.createArrayOf("text", providers));
      s.setArray(8, c.createArrayOf("text", identities));
      s.setArray(9, c.createArrayOf("text", responses));
      s.setArray(10, c.createArrayOf("text", bounceClasses));
      s.setArray(11, c.createArrayOf("integer", codes));
      s.setArray(12, c.createArrayOf("text", enhanced));
      s.setArray(13, c.createArrayOf("text", reasons));
      s.executeUpdate();
    } catch (SQLException e) {
      throw unavailable("record the outcomes of " + n + " messages", e);
    }
  }

  @Override
  public Map<UUID, Completion> completions(List<SendRequest> requests) {
    UUID[] ids = requests.stream().map(SendRequest::messageId).toArray(UUID[]::new);
    Map<UUID, Completion> done = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.CLAIM_COMPLETIONS))) {
      s.setArray(1, c.createArrayOf("uuid", ids));
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          UUID id = row.getObject("message_id", UUID.class);
          done.put(id, completionOf(id, row));
        }
      }
    } catch (SQLException e) {
      throw unavailable("read the outcomes of " + ids.length + " messages", e);
    }
    return done;
  }

  private static Completion completionOf(UUID messageId, ResultSet row) throws SQLException {
    Verdict verdict =
        ClaimVerdicts.read(messageId, row.getString("outcome"), row.getString("bounce_class"));
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
    Instant completedAt = instant(row.getObject("outcome_at", OffsetDateTime.class));
    if (completedAt == null) {
      // Its event would carry no time; V41 keeps new rows from this, older ones are set apart.
      throw new BadRecordException(
          "message_claims.outcome_at of "
              + messageId
              + " is missing for outcome "
              + verdict.type());
    }
    return new Completion(outcome, row.getInt("attempts"), sentAt, completedAt);
  }

  /** An instant as PostgreSQL reads a timestamptz from text (ISO-8601, UTC). */
  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
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
  public DueRetries takeDueRetries(int limit) {
    List<PendingRetry> readable = new ArrayList<>();
    List<UnreadableRetry> unreadable = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.TAKE_DUE_RETRIES))) {
      s.setDouble(1, seconds(lease));
      s.setArray(2, c.createArrayOf("uuid", tenantScope));
      s.setArray(3, c.createArrayOf("uuid", tenantScope));
      s.setInt(4, limit);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          UUID messageId = rows.getObject("message_id", UUID.class);
          String stored = rows.getString("request");
          Decoded<SendRequest> request =
              WireCodec.SENDS.decode(stored.getBytes(StandardCharsets.UTF_8));
          String mismatch =
              request instanceof Decoded.Valid<SendRequest> valid
                      && !messageId.equals(valid.value().messageId())
                  ? "field 'messageId': the request names "
                      + valid.value().messageId()
                      + ", not the retried message"
                  : null;
          if (request instanceof Decoded.Valid<SendRequest> valid && mismatch == null) {
            readable.add(
                new PendingRetry(
                    valid.value(),
                    rows.getInt("attempt"),
                    null,
                    instant(rows.getObject("first_attempt_at", OffsetDateTime.class)),
                    instant(rows.getObject("sent_at", OffsetDateTime.class)),
                    rows.getString("sending_ip")));
          } else {
            unreadable.add(
                new UnreadableRetry(
                    messageId,
                    rows.getObject("tenant_id", UUID.class),
                    stored,
                    mismatch != null
                        ? mismatch
                        : ((Decoded.Invalid<SendRequest>) request).reason()));
          }
        }
      }
    } catch (SQLException e) {
      throw unavailable("take due retries", e);
    }
    return new DueRetries(readable, unreadable);
  }

  @Override
  public Map<UUID, FailedMessage> setApartRetries(List<RetrySetApart> apart, String by) {
    int n = apart.size();
    UUID[] ids = new UUID[n];
    UUID[] tenants = new UUID[n];
    String[] reasons = new String[n];
    for (int i = 0; i < n; i++) {
      RetrySetApart a = apart.get(i);
      ids[i] = a.messageId();
      tenants[i] = a.tenantId();
      reasons[i] = a.reason().replace('\u0000', '?'); // text cannot hold U+0000
    }
    Map<UUID, FailedMessage> failed = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql.get(SendersQueries.SET_APART_RETRIES))) {
      s.setArray(1, c.createArrayOf("uuid", ids));
      s.setArray(2, c.createArrayOf("uuid", tenants));
      s.setArray(3, c.createArrayOf("text", reasons));
      s.setString(4, by);
      try (ResultSet row = s.executeQuery()) {
        while (row.next()) {
          UUID id = row.getObject("message_id", UUID.class);
          failed.put(
              id,
              new FailedMessage(
                  id,
                  row.getObject("tenant_id", UUID.class),
                  instant(row.getObject("outcome_at", OffsetDateTime.class)),
                  row.getObject("campaign_id", UUID.class),
                  row.getObject("recipient_id", UUID.class),
                  row.getObject("contact_id", UUID.class),
                  row.getString("channel"),
                  row.getString("variant")));
        }
      }
    } catch (SQLException e) {
      throw unavailable("set apart " + n + " retries", e);
    }
    return failed;
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
      s.setArray(1, c.createArrayOf("uuid", ids));
      s.setArray(2, c.createArrayOf("integer", attempts));
      s.setDouble(3, seconds(lease));
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

  /**
   * A failure of the database itself, or — for a data exception or an integrity violation (SQL
   * states 22xxx, 23xxx) — a refusal of the data, which another try would meet again.
   */
  private static RuntimeException unavailable(String what, SQLException e) {
    String state = e.getSQLState();
    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
      return new BadRecordException(
          "the database refused to " + what + " (SQL state " + state + "): " + e.getMessage(), e);
    }
    return new StoreUnavailableException("cannot " + what + ": " + e.getMessage(), e);
  }
}
