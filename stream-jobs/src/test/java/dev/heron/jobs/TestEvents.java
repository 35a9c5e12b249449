package dev.heron.jobs;

import dev.heron.events.BounceClass;
import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Events of one tenant and campaign for tests; each test makes its own ids. */
public final class TestEvents {
  public final UUID tenant = UUID.randomUUID();
  public final UUID campaign = UUID.randomUUID();

  /** Stores this tenant, for jobs that read its rows. */
  public void storeTenant(Connection c) throws SQLException {
    TestDatabase.execute(
        c, "INSERT INTO tenants (id, name, slug) VALUES (?, 't', ?)", tenant, "t-" + tenant);
  }

  /** Stores this tenant and its campaign. */
  public void storeTenantAndCampaign(Connection c) throws SQLException {
    storeTenant(c);
    TestDatabase.execute(
        c, "INSERT INTO campaigns (id, tenant_id, name) VALUES (?, ?, 'c')", campaign, tenant);
  }

  public Event.Builder of(EventType type, UUID message, Instant at) {
    Event.Builder builder =
        Event.builder(type)
            .occurredAt(at)
            .source("test")
            .tenantId(tenant)
            .campaignId(campaign)
            .messageId(message)
            .recipientId(UUID.randomUUID())
            .contactId(UUID.randomUUID())
            .channel(Channel.EMAIL)
            .variant("A")
            .sendingIp("127.0.0.2")
            .senderIdentity("news.example.test")
            .provider("gmail");
    return switch (type) {
      case BOUNCED ->
          builder.bounceClass(BounceClass.HARD).smtpReply(550, "5.1.1", "550 5.1.1 no such user");
      case CLICKED -> builder.url("https://example.test/offer");
      default -> builder;
    };
  }

  public Event event(EventType type, UUID message, Instant at) {
    return of(type, message, at).build();
  }
}
