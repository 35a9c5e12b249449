package dev.heron.bench.model;

import dev.heron.events.Channel;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * One reaction run's tenant, seeded through plain SQL: a sender identity whose marketing pool is
 * {@code ipCount} fresh loopback addresses (no reputation yet anywhere), a template, and a campaign
 * of recipients at one provider's domain.
 */
final class ReactionTenant {
  static final String IDENTITY = "alerts.heron.test";

  final UUID tenantId;
  final UUID templateId;
  final List<String> ips;
  private final DataSource db;

  /** One planned message. */
  record Recipient(UUID recipientId, UUID messageId, UUID contactId, String address) {}

  private ReactionTenant(DataSource db, UUID tenantId, UUID templateId, List<String> ips) {
    this.db = db;
    this.tenantId = tenantId;
    this.templateId = templateId;
    this.ips = ips;
  }

  static ReactionTenant create(DataSource db, int ipCount) throws SQLException {
    String slug = "bench-reaction-" + UUID.randomUUID();
    UUID tenant =
        insert(db, "INSERT INTO tenants (name, slug) VALUES (?, ?) RETURNING id", slug, slug);
    UUID pool =
        insert(
            db,
            "INSERT INTO ip_pools (tenant_id, name, traffic_class) VALUES (?, 'reaction',"
                + " 'marketing') RETURNING id",
            tenant);
    // Loopback addresses outside the simulator's named ones (127.0.0.x), new in every run: a
    // blocked IP's bad name lasts the 24-hour window, so a run must not inherit the last one's.
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String prefix = "127." + (100 + random.nextInt(150)) + "." + random.nextInt(1, 255) + ".";
    List<String> ips = new ArrayList<>();
    for (int i = 1; i <= ipCount; i++) {
      ips.add(prefix + i);
      execute(
          db,
          "INSERT INTO sending_ips (ip, pool_id, helo_name) VALUES (?, ?, ?)",
          prefix + i,
          pool,
          "mta" + i + "." + IDENTITY);
    }
    execute(
        db,
        "INSERT INTO sender_identities (tenant_id, domain, from_address, from_name, dkim_selector,"
            + " dkim_private_key, marketing_pool_id) VALUES (?, ?, ?, 'Heron Alerts', 'bench', ?,"
            + " ?)",
        tenant,
        IDENTITY,
        "news@" + IDENTITY,
        rsaPrivateKeyPem(),
        pool);
    UUID template =
        insert(
            db,
            "INSERT INTO templates (tenant_id, name, channel) VALUES (?, 'notice', 'email')"
                + " RETURNING id",
            tenant);
    execute(
        db,
        "INSERT INTO template_versions (template_id, version, status, subject, html_body,"
            + " text_body) VALUES (?, 1, 'approved', 'Hello {{firstName}}',"
            + " '<p>Hello {{firstName}}, <a href=\"https://shop.heron.test/\">news</a></p>',"
            + " 'Hello {{firstName}}')",
        template);
    return new ReactionTenant(db, tenant, template, List.copyOf(ips));
  }

  /** A running campaign of {@code count} recipients at {@code domain}. */
  List<Recipient> campaign(UUID campaign, String domain, int count) throws SQLException {
    execute(
        db,
        "INSERT INTO campaigns (id, tenant_id, name, status) VALUES (?, ?, 'reaction', 'running')",
        campaign,
        tenantId);
    List<Recipient> recipients = new ArrayList<>(count);
    try (Connection c = db.getConnection()) {
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO contacts (tenant_id, email, first_name)"
                  + " SELECT ?, 'reader' || g || '@' || ?, 'Reader' || g"
                  + "   FROM generate_series(1, ?) AS g")) {
        s.setObject(1, tenantId);
        s.setString(2, domain);
        s.setInt(3, count);
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO recipients (tenant_id, campaign_id, contact_id, channel, address)"
                  + " SELECT tenant_id, ?, id, 'email', email FROM contacts WHERE tenant_id = ?"
                  + " RETURNING id, message_id, contact_id, address")) {
        s.setObject(1, campaign);
        s.setObject(2, tenantId);
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
    }
    return recipients;
  }

  SendRequest request(UUID campaign, Recipient r) {
    return new SendRequest(
        1,
        Instant.now(),
        tenantId,
        campaign,
        r.messageId(),
        r.recipientId(),
        r.contactId(),
        Channel.EMAIL,
        MessageClass.MARKETING,
        "A",
        r.address(),
        IDENTITY,
        "Heron Alerts <news@" + IDENTITY + ">",
        templateId,
        1,
        Map.of("firstName", r.address().substring(0, r.address().indexOf('@'))));
  }

  /** Takes the run's IPs out of the shared table again. */
  void retireIps() throws SQLException {
    for (String ip : ips) {
      execute(db, "DELETE FROM sending_ips WHERE ip = ?", ip);
    }
  }

  private static String rsaPrivateKeyPem() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static UUID insert(DataSource db, String sql, Object... args) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = prepare(c, sql, args);
        ResultSet row = s.executeQuery()) {
      row.next();
      return row.getObject(1, UUID.class);
    }
  }

  private static void execute(DataSource db, String sql, Object... args) throws SQLException {
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
