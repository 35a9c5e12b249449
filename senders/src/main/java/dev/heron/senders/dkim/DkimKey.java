package dev.heron.senders.dkim;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The key a sender identity signs with: published as {@code <selector>._domainkey.<domain>}.
 *
 * @param domain the signing domain ({@code d=}), the identity's from-domain
 */
public record DkimKey(String domain, String selector, RSAPrivateKey privateKey) {
  /**
   * Reads an RSA private key in PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), the form kept in
   * {@code sender_identities.dkim_private_key}.
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static RSAPrivateKey parsePem(String pem) {
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      return (RSAPrivateKey)
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (IllegalArgumentException | InvalidKeySpecException | ClassCastException e) {
      throw new IllegalArgumentException(
          "dkim_private_key must be an RSA key in PKCS#8 PEM (BEGIN PRIVATE KEY)", e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is unavailable", e);
    }
  }
}
