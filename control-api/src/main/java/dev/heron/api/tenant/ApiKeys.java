package dev.heron.api.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Making and recognising API keys: {@code hk_} and 32 random bytes, stored as a SHA-256 hash. */
public final class ApiKeys {
  static final String PREFIX = "hk_";
  private static final int RANDOM_BYTES = 32;
  private static final int SHOWN_PREFIX_LENGTH = PREFIX.length() + 6;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new key in the clear; it is shown to its owner once and then only its hash is kept. */
  static String generate() {
    byte[] bytes = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String hash(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** What a person sees in a list of keys to tell them apart. */
  static String shownPrefix(String key) {
    return key.substring(0, Math.min(SHOWN_PREFIX_LENGTH, key.length()));
  }

  /** Constant-time comparison, for the admin key that is compared in the clear. */
  static boolean same(String given, String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private ApiKeys() {}
}
