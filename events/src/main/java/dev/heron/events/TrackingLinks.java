package dev.heron.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signed links a message carries: the open pixel, each rewritten click and the one-click
 * unsubscribe. The senders write them and the control API's tracking endpoints read them; both sign
 * with {@link Settings#TRACKING_SECRET}. A token is {@code base64url(kind, messageId, link)}
 * followed by a truncated HMAC-SHA256, so it cannot be forged or pointed at another message.
 */
public final class TrackingLinks {
  public static final String OPEN_PATH = "/t/o/";
  public static final String CLICK_PATH = "/t/c/";
  public static final String UNSUBSCRIBE_PATH = "/t/u/";

  /** What a verified token says. {@code link} is the index of a message's link, -1 for none. */
  public record Token(Kind kind, UUID messageId, int link) {}

  public enum Kind {
    OPEN,
    CLICK,
    UNSUBSCRIBE
  }

  private static final int PAYLOAD_BYTES = 1 + 16 + 4;
  private static final int MAC_BYTES = 16;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final String baseUrl;
  private final SecretKeySpec key;

  public TrackingLinks(String baseUrl, String secret) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** Links on {@link Settings#PUBLIC_URL}, signed with {@link Settings#TRACKING_SECRET}. */
  public static TrackingLinks fromSettings() {
    return new TrackingLinks(
        Settings.get(Settings.PUBLIC_URL), Settings.get(Settings.TRACKING_SECRET));
  }

  public String openUrl(UUID messageId) {
    return baseUrl + OPEN_PATH + token(Kind.OPEN, messageId, -1) + ".gif";
  }

  public String clickUrl(UUID messageId, int link) {
    return baseUrl + CLICK_PATH + token(Kind.CLICK, messageId, link);
  }

  public String unsubscribeUrl(UUID messageId) {
    return baseUrl + UNSUBSCRIBE_PATH + token(Kind.UNSUBSCRIBE, messageId, -1);
  }

  public String token(Kind kind, UUID messageId, int link) {
    ByteBuffer payload = ByteBuffer.allocate(PAYLOAD_BYTES + MAC_BYTES);
    payload.put((byte) kind.ordinal());
    payload.putLong(messageId.getMostSignificantBits());
    payload.putLong(messageId.getLeastSignificantBits());
    payload.putInt(link);
    payload.put(mac(payload.array(), PAYLOAD_BYTES), 0, MAC_BYTES);
    return ENCODER.encodeToString(payload.array());
  }

  /** The token's content when its signature holds and it is of the expected kind. */
  public Optional<Token> verify(String token, Kind expected) {
    if (token == null) {
      return Optional.empty();
    }
    String bare = token.endsWith(".gif") ? token.substring(0, token.length() - 4) : token;
    byte[] bytes;
    try {
      bytes = DECODER.decode(bare);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (bytes.length != PAYLOAD_BYTES + MAC_BYTES) {
      return Optional.empty();
    }
    byte[] expectedMac = mac(bytes, PAYLOAD_BYTES);
    byte[] givenMac = new byte[MAC_BYTES];
    System.arraycopy(bytes, PAYLOAD_BYTES, givenMac, 0, MAC_BYTES);
    byte[] truncated = new byte[MAC_BYTES];
    System.arraycopy(expectedMac, 0, truncated, 0, MAC_BYTES);
    if (!MessageDigest.isEqual(truncated, givenMac)) {
      return Optional.empty();
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int kind = in.get();
    if (kind != expected.ordinal()) {
      return Optional.empty();
    }
    UUID messageId = new UUID(in.getLong(), in.getLong());
    return Optional.of(new Token(expected, messageId, in.getInt()));
  }

  private byte[] mac(byte[] data, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(data, 0, length);
      return mac.doFinal();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
