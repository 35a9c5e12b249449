package dev.heron.senders.dkim;

/**
 * The signing algorithms a sender identity's key can have; the key's own type (PKCS#8 algorithm)
 * chooses it, so an identity switches by storing another key.
 */
public enum DkimAlgorithm {
  /** RFC 6376; what every receiver verifies. The default: an RSA key. */
  RSA_SHA256("rsa-sha256", "rsa"),
  /**
   * RFC 8463; a fraction of RSA's cost, verified by fewer receivers (sign with both to be safe).
   */
  ED25519_SHA256("ed25519-sha256", "ed25519");

  private final String tag;
  private final String keyType;

  DkimAlgorithm(String tag, String keyType) {
    this.tag = tag;
    this.keyType = keyType;
  }

  /** The signature's {@code a=} tag. */
  public String tag() {
    return tag;
  }

  /** The DNS record's {@code k=} tag. */
  public String keyType() {
    return keyType;
  }
}
