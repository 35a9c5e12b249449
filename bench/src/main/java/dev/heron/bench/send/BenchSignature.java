package dev.heron.bench.send;

import dev.heron.bench.BenchTenant.DkimKey;
import java.util.Locale;

/**
 * The DKIM signature a send benchmark's identity makes: with a 2048-bit RSA key (rsa-sha256) or an
 * Ed25519 key (ed25519-sha256), the one the bench tenant is created with.
 */
enum BenchSignature {
  RSA("rsa-sha256"),
  ED25519("ed25519-sha256");

  private final String tag;

  BenchSignature(String tag) {
    this.tag = tag;
  }

  String tag() {
    return tag;
  }

  static BenchSignature of(String argument) {
    return switch (argument.toLowerCase(Locale.ROOT)) {
      case "rsa", "rsa-sha256" -> RSA;
      case "ed25519", "ed25519-sha256" -> ED25519;
      default ->
          throw new IllegalArgumentException(
              "signature: rsa or ed25519 expected, was '" + argument + "'");
    };
  }

  /** A new key of this signature's kind for the tenant's identity. */
  DkimKey newKey() {
    return this == RSA ? DkimKey.rsa2048() : DkimKey.ed25519();
  }
}
