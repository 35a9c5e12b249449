package dev.heron.senders.dkim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * ed25519-sha256 (RFC 8463) with relaxed/relaxed canonicalization, on the message's finished bytes:
 * the body hash and the header canonicalization read the same buffer that then goes to the socket
 * with the DKIM-Signature in front. Written here because the DKIM library's ed25519 mode names a
 * signature algorithm no provider offers and signs the header data instead of its SHA-256 hash.
 *
 * <p>Holds its digest: one instance per thread.
 */
final class Ed25519DkimSigner {
  private final String domain;
  private final String selector;
  private final Ed25519PrivateKeyParameters key;
  private final MessageDigest sha256;

  Ed25519DkimSigner(String domain, String selector, Ed25519PrivateKeyParameters key) {
    this.domain = domain;
    this.selector = selector;
    this.key = key;
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  /** A header field's place in the message and its lower-case name. */
  private record Field(String name, int from, int to) {}

  /**
   * The message with a DKIM-Signature header in front, every line ended by CRLF.
   *
   * @param message the message as a MIME writer wrote it (headers, empty line, body)
   * @param signedAt the signature's time ({@code t=}), seconds since the epoch
   */
  byte[] sign(byte[] message, long signedAt) {
    byte[] wire = RelaxedCanonicalization.withCrlf(message);
    int bodyStart = RelaxedCanonicalization.bodyStart(wire);

    sha256.reset();
    RelaxedCanonicalization.digestBody(wire, bodyStart, sha256);
    String bodyHash = Base64.getEncoder().encodeToString(sha256.digest());

    // RFC 8463 §3: the signature is over the SHA-256 hash of the canonicalized header data, which
    // goes straight into the digest (digest() above left it empty).
    List<Field> fields = fields(wire, Math.max(0, bodyStart - 2));
    StringBuilder names = new StringBuilder();
    for (String wanted : DkimSigning.SIGNED_HEADERS) {
      Field field = last(fields, wanted.toLowerCase(Locale.ROOT));
      if (field != null) {
        sha256.update(RelaxedCanonicalization.header(wire, field.from(), field.to()));
        sha256.update(RelaxedCanonicalization.CRLF);
        names.append(names.length() == 0 ? "" : ":").append(wanted);
      }
    }
    String unsigned =
        "DKIM-Signature: v=1; a="
            + DkimAlgorithm.ED25519_SHA256.tag()
            + "; c=relaxed/relaxed; d="
            + domain
            + "; s="
            + selector
            + "; t="
            + signedAt
            + ";\r\n\th="
            + names
            + ";\r\n\tbh="
            + bodyHash
            + ";\r\n\tb=";
    byte[] unsignedBytes = unsigned.getBytes(StandardCharsets.US_ASCII);
    sha256.update(RelaxedCanonicalization.header(unsignedBytes, 0, unsignedBytes.length));
    // PureEdDSA over that hash.
    byte[] hash = sha256.digest();
    byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
    key.sign(Ed25519.Algorithm.Ed25519, null, hash, 0, hash.length, signature, 0);

    byte[] header =
        (unsigned + Base64.getEncoder().encodeToString(signature) + "\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] signed = new byte[header.length + wire.length];
    System.arraycopy(header, 0, signed, 0, header.length);
    System.arraycopy(wire, 0, signed, header.length, wire.length);
    return signed;
  }

  /** The header fields of {@code [0, headerEnd)}, folded continuation lines included. */
  private static List<Field> fields(byte[] wire, int headerEnd) {
    List<Field> fields = new ArrayList<>(16);
    int start = 0;
    while (start < headerEnd) {
      int end = start;
      // A field ends at a CRLF not followed by whitespace (a folded line continues it).
      while (end < headerEnd
          && !(wire[end] == '\r'
              && (end + 2 >= headerEnd || (wire[end + 2] != ' ' && wire[end + 2] != '\t')))) {
        end++;
      }
      int colon = start;
      while (colon < end && wire[colon] != ':') {
        colon++;
      }
      if (colon < end) {
        String name =
            new String(wire, start, colon - start, StandardCharsets.US_ASCII)
                .strip()
                .toLowerCase(Locale.ROOT);
        fields.add(new Field(name, start, end));
      }
      start = end + 2;
    }
    return fields;
  }

  /** The bottom-most field of that name (RFC 6376 §5.4.2), or null. */
  private static Field last(List<Field> fields, String name) {
    for (int i = fields.size() - 1; i >= 0; i--) {
      if (fields.get(i).name().equals(name)) {
        return fields.get(i);
      }
    }
    return null;
  }
}
