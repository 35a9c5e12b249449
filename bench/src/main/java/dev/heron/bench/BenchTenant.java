package dev.heron.bench;

import dev.heron.events.Channel;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
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
 * A benchmark's tenant, seeded through plain SQL: a sender identity with a DKIM key and an IP pool
 * of fresh loopback addresses of its own (no reputation anywhere yet), a marketing template with
 * links, and per run a campaign whose recipients are spread over simulated providers.
 */
public final class BenchTenant {
  public static final String IDENTITY = "news.heron.test";
  public static final List<String> DOMAINS =
      List.of("gmail.test", "outlook.test", "yahoo.test", "icloud.test", "example.test");

  private static final String SUBJECT = "{{firstName}}, the autumn collection is here";
  private static final String HTML =
      """
      <html><body style="font-family: sans-serif">
      <h1>Hello {{firstName}},</h1>
      <p>The autumn collection has arrived: coats, boots and scarves picked for {{city}}.</p>
      <p><a href="https://shop.heron.test/autumn?utm_source=email">See the collection</a></p>
      <table><tr>
      <td><a href="https://shop.heron.test/p/coat-1"><img src="https://cdn.heron.test/coat-1.jpg"
        alt="Wool coat" width="180"></a><br>Wool coat, 189 EUR</td>
      <td><a href="https://shop.heron.test/p/boot-7"><img src="https://cdn.heron.test/boot-7.jpg"
        alt="Leather boots" width="180"></a><br>Leather boots, 149 EUR</td>
      </tr></table>
      <p>Members get free returns for 60 days. Questions? Reply to this email.</p>
      <p style="font-size: small">You receive this because you subscribed at shop.heron.test.
      <a href="{{unsubscribeUrl}}">Unsubscribe</a></p>
      </body></html>
      """;
  private static final String TEXT =
      """
      Hello {{firstName}},

      The autumn collection has arrived: coats, boots and scarves picked for {{city}}.
      See it at https://shop.heron.test/autumn

      Unsubscribe: {{unsubscribeUrl}}
      """;

  public final UUID tenantId;
  public final UUID templateId;
  public final List<String> ips;
  private final DataSource db;

  private BenchTenant(DataSource db, UUID tenantId, UUID templateId, List<String> ips) {
    this.db = db;
    this.tenantId = tenantId;
    this.templateId = templateId;
    this.ips = ips;
  }

  /** A sender identity's DKIM key: its selector and its private key, PKCS#8 PEM. */
  public record DkimKey(String selector, String privateKeyPem) {
    /** A 2048-bit RSA key (rsa-sha256). */
    public static DkimKey rsa2048() {
      return new DkimKey("bench", pem(generate("RSA", 2048)));
    }

    /** An Ed25519 key (ed25519-sha256). */
    public static DkimKey ed25519() {
      return new DkimKey("bench-ed", pem(generate("Ed25519", 0)));
    }

    private static byte[] generate(String algorithm, int bits) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (bits > 0) {
          generator.initialize(bits);
        }
        return generator.generateKeyPair().getPrivate().getEncoded();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private static String pem(byte[] der) {
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
          + "\n-----END PRIVATE KEY-----\n";
    }
  }

  /**
   * A new tenant {@code bench-<benchmark>-<uuid>} with {@code ipCount} sending IPs, its identity
   * signing with a new 2048-bit RSA key.
   */
  public static BenchTenant create(DataSource db, String benchmark, int ipCount)
      throws SQLException {
    return create(db, benchmark, ipCount, DkimKey.rsa2048());
  }

  /**
   * A new tenant {@code bench-<benchmark>-<uuid>} with {@code ipCount} sending IPs, its identity
   * signing with {@code key}.
   */
  public static BenchTenant create(DataSource db, String benchmark, int ipCount, DkimKey key)
      throws SQLException {
    String slug = "bench-" + benchmark + "-" + UUID.randomUUID();
    UUID tenant =
        insert(db, "INSERT INTO tenants (name, slug) VALUES (?, ?) RETURNING id", slug, slug);
    UUID pool =
        insert(
            db,
            "INSERT INTO ip_pools (tenant_id, name, traffic_class) VALUES (?, 'bench', 'marketing')"
                + " RETURNING id",
            tenant);
    // Loopback addresses outside the simulator's named ones (127.0.0.x), new in every run: nobody
    // else's, and a blocked IP's bad name (it lasts the 24-hour window) is not inherited.
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
            + " dkim_private_key, marketing_pool_id) VALUES (?, ?, ?, 'Heron Shop', ?, ?, ?)",
        tenant,
        IDENTITY,
        "news@" + IDENTITY,
        key.selector(),
        key.privateKeyPem(),
        pool);
    UUID template =
        insert(
            db,
            "INSERT INTO templates (tenant_id, name, channel) VALUES (?, 'autumn', 'email')"
                + " RETURNING id",
            tenant);
    execute(
        db,
        "INSERT INTO template_versions (template_id, version, status, subject, html_body,"
            + " text_body) VALUES (?, 1, 'approved', ?, ?, ?)",
        template,
        SUBJECT,
        HTML,
        TEXT);
    return new BenchTenant(db, tenant, template, List.copyOf(ips));
  }

  /** One planned message of a run. */
  public record Recipient(UUID recipientId, UUID messageId, UUID contactId, String address) {}

  /** A campaign and its planned messages. */
  public record Campaign(UUID id, List<Recipient> recipients) {}

  /**
   * A campaign of {@code count} recipients {@code <label>-<n>@<domain>}, {@link #DOMAINS} in turn.
   */
  public Campaign campaign(String label, int count) throws SQLException {
    return campaign(label, count, DOMAINS);
  }

  /**
   * A campaign of {@code count} recipients {@code <label>-<n>@<domain>}, {@code domains} in turn.
   */
  public Campaign campaign(String label, int count, List<String> domains) throws SQLException {
    UUID campaign =
        insert(
            db,
            "INSERT INTO campaigns (tenant_id, name, status) VALUES (?, ?, 'running') RETURNING id",
            tenantId,
            label);
    List<Recipient> recipients = new ArrayList<>(count);
    try (Connection c = db.getConnection()) {
      Array domainArray = c.createArrayOf("text", domains.toArray());
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO contacts (tenant_id, email, first_name)"
                  + " SELECT ?, ? || g || '@' || (?::text[])[1 + g % ?], 'Reader' || g"
                  + "   FROM generate_series(1, ?) AS g")) {
        s.setObject(1, tenantId);
        s.setString(2, label + "-");
        s.setArray(3, domainArray);
        s.setInt(4, domains.size());
        s.setInt(5, count);
        s.executeUpdate();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO recipients (tenant_id, campaign_id, contact_id, channel, address)"
                  + " SELECT tenant_id, ?, id, 'email', email FROM contacts"
                  + "  WHERE tenant_id = ? AND starts_with(email, ?)"
                  + " RETURNING id, message_id, contact_id, address")) {
        s.setObject(1, campaign);
        s.setObject(2, tenantId);
        s.setString(3, label + "-");
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
    return new Campaign(campaign, recipients);
  }

  public SendRequest request(UUID campaign, Recipient r) {
    String local = r.address().substring(0, r.address().indexOf('@'));
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
        "Heron Shop <news@" + IDENTITY + ">",
        templateId,
        1,
        Map.of("firstName", local, "city", "Lisbon"));
  }

  /** Takes the benchmark's IPs out of the shared table again. */
  public void retireIps() throws SQLException {
    for (String ip : ips) {
      execute(db, "DELETE FROM sending_ips WHERE ip = ?", ip);
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
