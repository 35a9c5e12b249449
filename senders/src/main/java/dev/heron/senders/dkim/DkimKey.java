package dev.heron.senders.dkim;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * The key a sender identity signs with: published as {@code <selector>._domainkey.<domain>}. An RSA
 * key signs rsa-sha256, an Ed25519 key ed25519-sha256.
 *
 * @param domain the signing domain ({@code d=}), the identity's from-domain
 */
public record DkimKey(String domain, String selector, PrivateKey privateKey) {
  public DkimKey {
    algorithmOf(privateKey);
  }

  /** The algorithm this key signs with. */
  public DkimAlgorithm algorithm() {
    return algorithmOf(privateKey);
  }

  private static DkimAlgorithm algorithmOf(PrivateKey key) {
    if (key instanceof RSAPrivateKey) {
      return DkimAlgorithm.RSA_SHA256;
    }
    if (key instanceof EdECPrivateKey ed && "Ed25519".equals(ed.getParams().getName())) {
      return DkimAlgorithm.ED25519_SHA256;
    }
    throw new IllegalArgumentException(
        "dkim_private_key must be an RSA or Ed25519 key, was " + key.getAlgorithm());
  }

  /**
   * The TXT record to publish at {@code <selector>._domainkey.<domain>}: {@code v=DKIM1; k=rsa;
   * p=<SubjectPublicKeyInfo>} or, for Ed25519, {@code k=ed25519; p=<the raw 32-byte key>} (RFC 8463
   * §4.2).
   */
  public String dnsRecord() {
    byte[] publicKey;
    if (privateKey instanceof RSAPrivateCrtKey rsa) {
      try {
        publicKey =
            KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()))
                .getEncoded();
      } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
        throw new IllegalStateException("RSA is unavailable", e);
      }
    } else if (algorithm() == DkimAlgorithm.ED25519_SHA256) {
      publicKey = ed25519Parameters().generatePublicKey().getEncoded();
    } else {
      throw new IllegalStateException("an RSA key without its public exponent");
    }
    return "v=DKIM1; k="
        + algorithm().keyType()
        + "; p="
        + Base64.getEncoder().encodeToString(publicKey);
  }

  /** The Ed25519 key as the signing code takes it (its 32-byte seed). */
  Ed25519PrivateKeyParameters ed25519Parameters() {
    byte[] seed =
        ((EdECPrivateKey) privateKey)
            .getBytes()
            .orElseThrow(() -> new IllegalStateException("an Ed25519 key without its seed"));
    return new Ed25519PrivateKeyParameters(seed, 0);
  }

  /**
   * Reads an RSA or Ed25519 private key in PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), the
   * form kept in {@code sender_identities.dkim_private_key} ({@code openssl genpkey -algorithm
   * ed25519} writes one).
   *
   * @throws IllegalArgumentException when it is not one
   */
  public static PrivateKey parsePem(String pem) {
    String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw notPkcs8(e);
    }
    for (String algorithm : new String[] {"RSA", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException | RuntimeException e) {
        // not this type: try the next
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(algorithm + " is unavailable", e);
      }
    }
    throw notPkcs8(null);
  }

  private static IllegalArgumentException notPkcs8(Exception cause) {
    return new IllegalArgumentException(
        "dkim_private_key must be an RSA or Ed25519 key in PKCS#8 PEM (BEGIN PRIVATE KEY)", cause);
  }
}
