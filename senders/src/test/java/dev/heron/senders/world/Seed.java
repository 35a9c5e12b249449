package dev.heron.senders.world;

import dev.heron.events.Channel;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Rows the senders read, inserted through plain SQL for one fresh tenant per test. */
public final class Seed {
  private final DataSource db;
  public final UUID tenantId;

  /** One planned message: the recipient row and its message id. */
  public record Recipient(UUID recipientId, UUID messageId, UUID contactId, String address) {}

  public Seed(DataSource db) throws SQLException {
    this.db = db;
    String slug = "senders-test-" + UUID.randomUUID();
    this.tenantId =
        insert("INSERT INTO tenants (name, slug) VALUES (?, ?) RETURNING id", slug, slug);
  }

  public UUID template(String subject, String html, String text) throws SQLException {
    UUID id =
        insert(
            "INSERT INTO templates (tenant_id, name, channel) VALUES (?, ?, 'email') RETURNING id",
            tenantId,
            "t-" + UUID.randomUUID());
    execute(
        "INSERT INTO template_versions (template_id, version, status, subject, html_body, text_body)"
            + " VALUES (?, 1, 'approved', ?, ?, ?)",
        id,
        subject,
        html,
        text);
    return id;
  }

  public UUID campaign() throws SQLException {
    return insert(
        "INSERT INTO campaigns (tenant_id, name, status) VALUES (?, ?, 'running') RETURNING id",
        tenantId,
        "c-" + UUID.randomUUID());
  }

  public Recipient recipient(UUID campaignId, String address) throws SQLException {
    UUID contactId =
        insert(
            "INSERT INTO contacts (tenant_id, email) VALUES (?, ?) RETURNING id",
            tenantId,
            address);
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO recipients (tenant_id, campaign_id, contact_id, channel, address)"
                    + " VALUES (?, ?, ?, 'email', ?) RETURNING id, message_id")) {
      s.setObject(1, tenantId);
      s.setObject(2, campaignId);
      s.setObject(3, contactId);
      s.setString(4, address);
      try (ResultSet row = s.executeQuery()) {
        row.next();
        return new Recipient(
            row.getObject(1, UUID.class), row.getObject(2, UUID.class), contactId, address);
      }
    }
  }

  /**
   * The send request the dispatcher would publish for {@code recipient}: a marketing email of
   * {@code campaign} from news.heron.test, rendering version 1 of {@code template}.
   */
  public SendRequest request(
      UUID campaign, Recipient recipient, UUID template, Map<String, Object> variables) {
    return new SendRequest(
        SendRequest.SCHEMA_VERSION,
        Instant.now(),
        tenantId,
        campaign,
        recipient.messageId(),
        recipient.recipientId(),
        recipient.contactId(),
        Channel.EMAIL,
        MessageClass.MARKETING,
        "A",
        recipient.address(),
        "news.heron.test",
        "Heron News <news@news.heron.test>",
        template,
        1,
        variables);
  }

  /** The tenant's sender identity for {@code domain}, signing with {@code pem}. */
  public void identity(String domain, String selector, String pem) throws SQLException {
    execute(
        "INSERT INTO sender_identities (tenant_id, domain, from_address, dkim_selector,"
            + " dkim_private_key) VALUES (?, ?, ?, ?, ?)",
        tenantId,
        domain,
        "news@" + domain,
        selector,
        pem);
  }

  /**
   * The tenant's sender identity for {@code domain}, unsigned, sending marketing mail from a pool
   * of its own: {@code ips} (loopback addresses no other test uses, so that its routing is its
   * own).
   */
  public void pooledIdentity(String domain, List<String> ips) throws SQLException {
    UUID pool =
        insert(
            "INSERT INTO ip_pools (tenant_id, name, traffic_class) VALUES (?, ?, 'marketing')"
                + " RETURNING id",
            tenantId,
            "pool-" + UUID.randomUUID());
    for (String ip : ips) {
      execute(
          "INSERT INTO sending_ips (ip, pool_id, helo_name) VALUES (?, ?, ?)",
          ip,
          pool,
          "mta." + domain);
    }
    execute(
        "INSERT INTO sender_identities (tenant_id, domain, from_address, marketing_pool_id)"
            + " VALUES (?, ?, ?, ?)",
        tenantId,
        domain,
        "news@" + domain,
        pool);
  }

  /** Takes the pool's IPs out of service again, so that they do not linger for other tests. */
  public void retireIps(List<String> ips) throws SQLException {
    for (String ip : ips) {
      execute("DELETE FROM sending_ips WHERE ip = ?", ip);
    }
  }

  /**
   * {@code count} recipients of one campaign, addressed {@code <prefix><n>@<domain>} with the
   * domains taken in turn, inserted in two statements.
   */
  public List<Recipient> recipients(UUID campaignId, String prefix, int count, List<String> domains)
      throws SQLException {
    try (Connection c = db.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO contacts (tenant_id, email)"
                  + " SELECT ?, ? || g || '@' || (?::text[])[1 + g % cardinality(?::text[])]"
                  + "   FROM generate_series(1, ?) AS g")) {
        java.sql.Array domainArray = c.createArrayOf("text", domains.toArray());
        s.setObject(1, tenantId);
        s.setString(2, prefix);
        s.setArray(3, domainArray);
        s.setArray(4, domainArray);
        s.setInt(5, count);
        s.executeUpdate();
      }
      List<Recipient> recipients = new ArrayList<>(count);
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO recipients (tenant_id, campaign_id, contact_id, channel, address)"
                  + " SELECT tenant_id, ?, id, 'email', email FROM contacts"
                  + "  WHERE tenant_id = ? AND starts_with(email, ?)"
                  + " RETURNING id, message_id, contact_id, address")) {
        s.setObject(1, campaignId);
        s.setObject(2, tenantId);
        s.setString(3, prefix);
        try (ResultSet rows = s.executeQuery()) {
          while (rows.next()) {
            recipients.add(
                new Recipient(
                    rows.getObject(1, UUID.class),
                    rows.getObject(2, UUID.class),
                    rows.getObject(3, UUID.class),
                    rows.getString(4)));
          }
        }
      }
      return recipients;
    }
  }

  public void suppress(String address, String reason) throws SQLException {
    execute(
        "INSERT INTO suppression_list (tenant_id, channel, address, reason) VALUES (?, 'email', ?, ?)",
        tenantId,
        address,
        reason);
  }

  private UUID insert(String sql, Object... args) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = prepare(c, sql, args);
        ResultSet row = s.executeQuery()) {
      row.next();
      return row.getObject(1, UUID.class);
    }
  }

  private void execute(String sql, Object... args) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = prepare(c, sql, args)) {
      s.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... args)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      s.setObject(i + 1, args[i]);
    }
    return s;
  }
}
