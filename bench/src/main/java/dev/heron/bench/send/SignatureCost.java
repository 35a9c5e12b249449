package dev.heron.bench.send;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * What one DKIM signature costs on this machine now, the private-key operation each sent message
 * pays once: rsa-sha256 with a 2048-bit key (the JDK), and ed25519-sha256 over the 32-byte hash of
 * the header data with BouncyCastle's Ed25519, as the senders make them. It bounds the signed
 * messages per second a core can make, whatever else the engine does.
 */
final class SignatureCost {
  private SignatureCost() {}

  /** One signature of about a DKIM header block (or its hash) with a fresh key. */
  @FunctionalInterface
  private interface Signing {
    void signOnce() throws GeneralSecurityException;
  }

  /** Milliseconds per rsa-sha256 signature over {@code count}, after as many to warm up. */
  static double rsa2048Millis(int count) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair key = generator.generateKeyPair();
    Signature signature = Signature.getInstance("SHA256withRSA");
    byte[] headers = new byte[400]; // about a DKIM header block's size
    return millisEach(
        count,
        () -> {
          signature.initSign(key.getPrivate());
          signature.update(headers);
          signature.sign();
        });
  }

  /** Milliseconds per ed25519-sha256 signature over {@code count}, after as many to warm up. */
  static double ed25519Millis(int count) throws GeneralSecurityException {
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    byte[] hash = new byte[32]; // RFC 8463 signs the SHA-256 hash of the header data
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    return millisEach(
        count, () -> key.sign(Ed25519.Algorithm.Ed25519, null, hash, 0, hash.length, signature, 0));
  }

  private static double millisEach(int count, Signing signing) throws GeneralSecurityException {
    for (int i = 0; i < count; i++) {
      signing.signOnce();
    }
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      signing.signOnce();
    }
    return (System.nanoTime() - start) / 1e6 / count;
  }
}
