package dev.heron.api.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Heron's webhook signature, on the webhooks it sends and on the generic bounce webhook it
 * receives:
 *
 * <pre>
 * Heron-Signature: t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
 * </pre>
 *
 * {@code t} is the Unix time of signing and {@code v1} the hex HMAC-SHA256, keyed with the shared
 * secret, of {@code t + "." + body}. A receiver recomputes it over the raw body and refuses a
 * signature older than five minutes, so that a captured request cannot be replayed later.
 */
public final class WebhookSignature {
  public static final String HEADER = "Heron-Signature";
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private WebhookSignature() {}

  /** The header value signing {@code body} at {@code at}. */
  public static String sign(String secret, Instant at, byte[] body) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
  }

  /** Whether {@code header} signs {@code body} with {@code secret}, signed within the tolerance. */
  public static boolean verify(String secret, String header, byte[] body, Instant now) {
    if (header == null || secret == null) {
      return false;
    }
    Long t = null;
    byte[] given = null;
    for (String part : header.split(",")) {
      String[] kv = part.strip().split("=", 2);
      if (kv.length != 2) {
        continue;
      }
      try {
        if (kv[0].equals("t")) {
          t = Long.parseLong(kv[1]);
        } else if (kv[0].equals("v1")) {
          given = HexFormat.of().parseHex(kv[1]);
        }
      } catch (IllegalArgumentException malformed) {
        return false;
      }
    }
    if (t == null || given == null) {
      return false;
    }
    if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(TOLERANCE) > 0) {
      return false;
    }
    return MessageDigest.isEqual(mac(secret, t, body), given);
  }

  private static byte[] mac(String secret, long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((t + ".").getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
