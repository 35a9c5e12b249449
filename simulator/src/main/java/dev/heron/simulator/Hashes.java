package dev.heron.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Stable pseudo-random numbers derived from text: the same seed and parts give the same value on
 * every machine and every run, which is what makes the simulated world reproducible.
 */
public final class Hashes {
  private Hashes() {}

  /** A 64-bit value for {@code seed} and {@code parts}. */
  public static long of(long seed, String... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
      for (String part : parts) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      return ByteBuffer.wrap(digest.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** A value in [0, 1) for {@code seed} and {@code parts}. */
  public static double unit(long seed, String... parts) {
    return (of(seed, parts) >>> 11) * 0x1.0p-53;
  }
}
