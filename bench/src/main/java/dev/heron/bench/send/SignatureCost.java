package dev.heron.bench.send;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;

/**
 * What one DKIM signature costs on this machine now: rsa-sha256 with a 2048-bit key, the
 * private-key operation each sent message pays once. It bounds the signed messages per second a
 * core can make, whatever else the engine does.
 */
final class SignatureCost {
  private SignatureCost() {}

  /** Milliseconds per signature over {@code count} signatures, after as many to warm up. */
  static double rsa2048Millis(int count) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair key = generator.generateKeyPair();
    Signature signature = Signature.getInstance("SHA256withRSA");
    byte[] headers = new byte[400]; // about a DKIM header block's size
    for (int i = 0; i < count; i++) {
      sign(signature, key, headers);
    }
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      sign(signature, key, headers);
    }
    return (System.nanoTime() - start) / 1e6 / count;
  }

  private static void sign(Signature signature, KeyPair key, byte[] data)
      throws GeneralSecurityException {
    signature.initSign(key.getPrivate());
    signature.update(data);
    signature.sign();
  }
}
