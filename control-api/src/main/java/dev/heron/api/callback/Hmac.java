package dev.heron.api.callback;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The HMACs providers sign their callbacks with, compared in constant time. */
final class Hmac {
  static byte[] sha256(String key, byte[] data) {
    return mac("HmacSHA256", key, data);
  }

  static byte[] sha1(String key, byte[] data) {
    return mac("HmacSHA1", key, data);
  }

  static boolean same(byte[] a, byte[] b) {
    return a != null && b != null && MessageDigest.isEqual(a, b);
  }

  private static byte[] mac(String algorithm, String key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is unavailable", e);
    }
  }

  private Hmac() {}
}
