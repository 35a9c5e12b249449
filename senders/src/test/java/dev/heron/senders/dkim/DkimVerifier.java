package dev.heron.senders.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An independent RFC 6376 verifier for rsa-sha256 and RFC 8463 ed25519-sha256 signatures (simple or
 * relaxed canonicalization), written from the RFCs for the tests and verifying with the JDK's own
 * providers, so that the signer is not checked by itself.
 */
public final class DkimVerifier {
  /** The result: whether it verified, why not, and the signature's tags. */
  public record Result(boolean valid, String problem, Map<String, String> tags) {}

  private record Field(String name, String raw) {}

  public static Result verify(byte[] message, PublicKey key) throws GeneralSecurityException {
    String text = new String(message, StandardCharsets.ISO_8859_1).replaceAll("\r?\n", "\r\n");
    int split = text.indexOf("\r\n\r\n");
    String head = split < 0 ? text : text.substring(0, split + 2);
    String body = split < 0 ? "" : text.substring(split + 4);
    List<Field> fields = fields(head);
    Field signature =
        fields.stream()
            .filter(f -> f.name().equalsIgnoreCase("DKIM-Signature"))
            .findFirst()
            .orElse(null);
    if (signature == null) {
      return new Result(false, "no DKIM-Signature", Map.of());
    }
    Map<String, String> tags = tags(signature.raw().substring(signature.raw().indexOf(':') + 1));
    String[] c = tags.getOrDefault("c", "simple/simple").split("/");
    boolean relaxedHeaders = c[0].equals("relaxed");
    boolean relaxedBody = c.length > 1 && c[1].equals("relaxed");
    String algorithm = tags.get("a");
    if (!"rsa-sha256".equals(algorithm) && !"ed25519-sha256".equals(algorithm)) {
      return new Result(false, "algorithm " + algorithm, tags);
    }
    String bodyHash =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(
                        canonicalBody(body, relaxedBody).getBytes(StandardCharsets.ISO_8859_1)));
    if (!bodyHash.equals(tags.get("bh"))) {
      return new Result(false, "body hash differs", tags);
    }
    StringBuilder signed = new StringBuilder();
    List<Field> unused = new ArrayList<>(fields);
    for (String name : tags.get("h").split(":")) {
      Field found = null;
      for (int i = unused.size() - 1; i >= 0; i--) {
        if (unused.get(i).name().equalsIgnoreCase(name.strip())) {
          found = unused.remove(i);
          break;
        }
      }
      if (found != null) {
        signed.append(canonicalHeader(found.raw(), relaxedHeaders)).append("\r\n");
      }
    }
    String withoutB = signature.raw().replaceAll("(?s)(\\bb=)[^;]*", "$1");
    signed.append(canonicalHeader(withoutB, relaxedHeaders));
    byte[] data = signed.toString().getBytes(StandardCharsets.ISO_8859_1);
    Signature verifier;
    if (algorithm.equals("rsa-sha256")) {
      verifier = Signature.getInstance("SHA256withRSA");
      verifier.initVerify(key);
      verifier.update(data);
    } else {
      // RFC 8463 §3: PureEdDSA over the SHA-256 hash of the header data; the JDK's own Ed25519.
      verifier = Signature.getInstance("Ed25519", "SunEC");
      verifier.initVerify(key);
      verifier.update(MessageDigest.getInstance("SHA-256").digest(data));
    }
    boolean valid = verifier.verify(Base64.getDecoder().decode(tags.get("b")));
    return new Result(valid, valid ? null : "signature does not verify", tags);
  }

  private static List<Field> fields(String head) {
    List<Field> fields = new ArrayList<>();
    StringBuilder current = null;
    for (String line : head.split("\r\n")) {
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
        current.append("\r\n").append(line);
      } else {
        if (current != null) {
          fields.add(field(current.toString()));
        }
        current = new StringBuilder(line);
      }
    }
    if (current != null && current.length() > 0) {
      fields.add(field(current.toString()));
    }
    return fields;
  }

  private static Field field(String raw) {
    return new Field(raw.substring(0, raw.indexOf(':')).strip(), raw);
  }

  private static Map<String, String> tags(String value) {
    Map<String, String> tags = new HashMap<>();
    for (String tag : value.split(";")) {
      int eq = tag.indexOf('=');
      if (eq > 0) {
        tags.put(tag.substring(0, eq).strip(), tag.substring(eq + 1).replaceAll("\\s", ""));
      }
    }
    return tags;
  }

  private static String canonicalHeader(String raw, boolean relaxed) {
    if (!relaxed) {
      return raw;
    }
    int colon = raw.indexOf(':');
    String name = raw.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    String value = raw.substring(colon + 1).replace("\r\n", "").replaceAll("[ \t]+", " ").strip();
    return name + ":" + value;
  }

  private static String canonicalBody(String body, boolean relaxed) {
    List<String> lines = new ArrayList<>(List.of(body.split("\r\n", -1)));
    if (relaxed) {
      lines.replaceAll(l -> l.replaceAll("[ \t]+", " ").replaceAll(" +$", ""));
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    if (lines.isEmpty()) {
      return relaxed ? "" : "\r\n";
    }
    return String.join("\r\n", lines) + "\r\n";
  }
}
