package dev.heron.senders.dkim;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.interfaces.RSAPrivateKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * Signs a message with the identity key's algorithm — rsa-sha256 (the DKIM library) or
 * ed25519-sha256 (RFC 8463) — and relaxed/relaxed canonicalization (which survives the header
 * folding and trailing-space changes of relays), covering at least From, To, Subject, Date,
 * Message-ID, both List-Unsubscribe headers (RFC 8058 requires them signed) and Feedback-ID. The
 * result is the message's bytes, written once: they go to the socket as they are.
 */
public final class DkimSigning {
  /** Headers signed beyond the library's defaults. */
  static final List<String> ALSO_SIGNED =
      List.of(
          "From",
          "To",
          "Subject",
          "Date",
          "Message-ID",
          "List-Unsubscribe",
          "List-Unsubscribe-Post",
          "Feedback-ID");

  /**
   * Every header an ed25519 signature covers when the message has it: those above, and the ones
   * that decide how the message reads and where an answer goes.
   */
  static final List<String> SIGNED_HEADERS =
      Stream.concat(
              ALSO_SIGNED.stream(),
              Stream.of("Reply-To", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"))
          .toList();

  /** Signs one message for one key. */
  @FunctionalInterface
  private interface MessageSigner {
    byte[] sign(MimeMessage message) throws MessagingException;
  }

  /**
   * Signers by key, per thread: a signer keeps its digest and signature engines between messages
   * (they are costly to set up) and so must not be shared by threads that sign at once.
   */
  private final ThreadLocal<Map<SameKey, MessageSigner>> signers =
      ThreadLocal.withInitial(
          () ->
              new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<SameKey, MessageSigner> eldest) {
                  return size() > 32;
                }
              });

  /** A key by identity: the cache of keys hands out the same instance until it reloads. */
  private record SameKey(DkimKey key) {
    @Override
    public boolean equals(Object other) {
      return other instanceof SameKey same && same.key == key;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(key);
    }
  }

  /**
   * The signed message's bytes, lines ended by CRLF, ready for the socket (on the calling thread).
   */
  public byte[] sign(MimeMessage message, DkimKey key) throws MessagingException {
    Map<SameKey, MessageSigner> mine = signers.get();
    MessageSigner signer = mine.get(new SameKey(key));
    if (signer == null) {
      signer = signerFor(key);
      mine.put(new SameKey(key), signer);
    }
    return signer.sign(message);
  }

  private static MessageSigner signerFor(DkimKey key) throws MessagingException {
    return switch (key.algorithm()) {
      case RSA_SHA256 -> rsaSigner(key);
      case ED25519_SHA256 -> ed25519Signer(key);
    };
  }

  private static MessageSigner rsaSigner(DkimKey key) throws MessagingException {
    DkimSigner signer =
        new DkimSigner(key.domain(), key.selector(), (RSAPrivateKey) key.privateKey());
    signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
    signer.setHeaderCanonicalization(Canonicalization.RELAXED);
    signer.setBodyCanonicalization(Canonicalization.RELAXED);
    signer.setCheckDomainKey(false); // the published key is checked by receivers, not by us
    for (String header : ALSO_SIGNED) {
      signer.removeHeaderToSign(header);
      signer.addHeaderToSign(header);
    }
    return message -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      write(new DkimMessage(message, signer), out);
      return RelaxedCanonicalization.withCrlf(out.toByteArray());
    };
  }

  private static MessageSigner ed25519Signer(DkimKey key) {
    Ed25519DkimSigner signer =
        new Ed25519DkimSigner(key.domain(), key.selector(), key.ed25519Parameters());
    return message -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      write(message, out);
      return signer.sign(out.toByteArray(), System.currentTimeMillis() / 1000);
    };
  }

  private static void write(MimeMessage message, ByteArrayOutputStream out)
      throws MessagingException {
    try {
      message.writeTo(out);
    } catch (IOException e) {
      throw new MessagingException("cannot write the message: " + e.getMessage(), e);
    }
  }
}
