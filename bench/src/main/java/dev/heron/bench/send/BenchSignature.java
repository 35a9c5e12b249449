package dev.heron.bench.send;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The DKIM signature a send benchmark's identity makes: the bench tenant's 2048-bit RSA key
 * (rsa-sha256), or an Ed25519 key stored in its place (ed25519-sha256), as an operator switches an
 * identity's key type.
 */
enum BenchSignature {
  RSA("rsa-sha256"),
  ED25519("ed25519-sha256");

  private final String tag;

  BenchSignature(String tag) {
    this.tag = tag;
  }

  String tag() {
    return tag;
  }

  static BenchSignature of(String argument) {
    return switch (argument.toLowerCase(Locale.ROOT)) {
      case "rsa", "rsa-sha256" -> RSA;
      case "ed25519", "ed25519-sha256" -> ED25519;
      default ->
          throw new IllegalArgumentException(
              "signature: rsa or ed25519 expected, was '" + argument + "'");
    };
  }

  /** Gives the tenant's identity this signature's key (the RSA one is there already). */
  void applyTo(DataSource db, UUID tenantId) throws SQLException {
    if (this == RSA) {
      return;
    }
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE sender_identities SET dkim_selector = 'bench-ed', dkim_private_key = ?"
                    + " WHERE tenant_id = ?")) {
      s.setString(1, ed25519PrivateKeyPem());
      s.setObject(2, tenantId);
      s.executeUpdate();
    }
  }

  private static String ed25519PrivateKeyPem() {
    try {
      byte[] der =
          KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
      return "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
          + "\n-----END PRIVATE KEY-----\n";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
