package dev.heron.api.callback;

import dev.heron.api.db.Db;
import dev.heron.api.db.Rows;
import dev.heron.api.error.ApiException;
import dev.heron.api.spool.EventSpool;
import dev.heron.api.tracking.TrackedMessage;
import dev.heron.api.tracking.TrackedMessages;
import dev.heron.events.Event;
import dev.heron.events.Settings;
import dev.heron.events.TimeOrderedIds;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns verified provider callbacks into events on heron.events (through the {@link EventSpool}),
 * finding each message by the id Heron gave it or by the provider's id. Event ids are derived from
 * the provider, its message id and the status, so a callback the provider sends again is
 * de-duplicated downstream. What cannot be read, or names no message of the tenant's, is kept in
 * {@code unparsed_reports} with the reason.
 */
@Singleton
public class CallbackService {
  /** A secret as stored: the signing secret and, for WhatsApp, the handshake's verify token. */
  record Secret(String secret, String verifyToken) {}

  /** What a callback achieved: events recorded and reports that named no known message. */
  @Serdeable
  record Outcome(int recorded, int ignored, int unknown) {}

  /** A configured provider, as the API shows it (never the secret). */
  @Serdeable
  record Configured(
      String provider, boolean hasVerifyToken, Instant updatedAt, String callbackUrl) {}

  private final Db db;
  private final TrackedMessages messages;
  private final EventSpool events;

  CallbackService(Db db, TrackedMessages messages, EventSpool events) {
    this.db = db.withQueries(CallbackQueries.FILE, CallbackQueries.ALL);
    this.messages = messages;
    this.events = events;
  }

  Optional<Secret> secret(UUID tenantId, Provider provider) {
    return db.transaction(
        tx ->
            tx.one(
                CallbackQueries.SECRET,
                row -> new Secret(row.getString("secret"), row.getString("verify_token")),
                tenantId,
                provider.wireName()));
  }

  Configured configure(UUID tenantId, Provider provider, String secret, String verifyToken) {
    if (provider == Provider.WHATSAPP && (verifyToken == null || verifyToken.isBlank())) {
      throw ApiException.badRequest("verifyToken", "verifyToken: WhatsApp's handshake needs one");
    }
    return db.transaction(
        tx ->
            tx.one(
                    CallbackQueries.SECRET_UPSERT,
                    row -> configured(tenantId, row),
                    tenantId,
                    provider.wireName(),
                    secret,
                    verifyToken)
                .orElseThrow());
  }

  List<Configured> configured(UUID tenantId) {
    return db.transaction(
        tx -> tx.list(CallbackQueries.SECRETS, row -> configured(tenantId, row), tenantId));
  }

  private static Configured configured(UUID tenantId, java.sql.ResultSet row)
      throws java.sql.SQLException {
    String provider = row.getString("provider");
    return new Configured(
        provider,
        row.getBoolean("has_verify_token"),
        Rows.instant(row, "updated_at"),
        Settings.get(Settings.PUBLIC_URL) + "/callbacks/" + provider + "/" + tenantId);
  }

  /** Records the events of verified reports; reports about unknown messages are kept, not lost. */
  Outcome record(UUID tenantId, Provider provider, List<StatusReport> reports, String raw) {
    List<Event> recorded = new ArrayList<>();
    int ignored = 0;
    List<String> unknown = new ArrayList<>();
    for (StatusReport report : reports) {
      if (report.type() == null) {
        ignored++;
        continue;
      }
      Optional<TrackedMessage> message = find(tenantId, provider, report).flatMap(messages::find);
      if (message.isEmpty()) {
        unknown.add(
            report.messageId() != null
                ? report.messageId().toString()
                : report.providerMessageId());
        continue;
      }
      recorded.add(event(provider, message.get(), report));
    }
    if (!recorded.isEmpty()) {
      events.append(recorded).join();
    }
    if (!unknown.isEmpty()) {
      keep(
          tenantId,
          provider.wireName() + "-callback",
          "no message of the tenant's: " + unknown,
          raw);
    }
    return new Outcome(recorded.size(), ignored, unknown.size());
  }

  /** Keeps a callback that could not be read or used, with the reason. */
  void keep(UUID tenantId, String kind, String reason, String raw) {
    db.transaction(tx -> tx.update(CallbackQueries.UNPARSED, kind, reason, raw, tenantId));
  }

  private Optional<UUID> find(UUID tenantId, Provider provider, StatusReport report) {
    return db.transaction(
        tx -> {
          if (report.messageId() != null) {
            return tx.one(
                CallbackQueries.MESSAGE_OF_TENANT,
                row -> Rows.uuid(row, "message_id"),
                report.messageId(),
                tenantId);
          }
          return tx.one(
              CallbackQueries.MESSAGE_BY_PROVIDER_ID,
              row -> Rows.uuid(row, "message_id"),
              provider.wireName(),
              report.providerMessageId(),
              tenantId);
        });
  }

  private static Event event(Provider provider, TrackedMessage message, StatusReport report) {
    String identity =
        provider.wireName()
            + ":"
            + (report.providerMessageId() != null
                ? report.providerMessageId()
                : report.messageId().toString())
            + ":"
            + report.status();
    Event.Builder event =
        message
            .event(report.type(), report.occurredAt())
            .eventId(TimeOrderedIds.about(message.messageId(), identity))
            .source(TrackedMessage.SOURCE + "/" + provider.wireName())
            .reason(report.reason())
            .bounceClass(report.bounceClass())
            .smtpReply(report.smtpCode(), report.enhancedStatus(), report.smtpResponse());
    if (report.type() == dev.heron.events.EventType.OPENED) {
      // A read receipt is the recipient's own client reporting: a person, not a proxy.
      event.machineOpen(false);
    }
    return event.build();
  }
}
