package dev.heron.senders.dkim;

import jakarta.mail.MessagingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * Signs a message with rsa-sha256 and relaxed/relaxed canonicalization (which survives the header
 * folding and trailing-space changes of relays), covering at least From, To, Subject, Date,
 * Message-ID, both List-Unsubscribe headers (RFC 8058 requires them signed) and Feedback-ID.
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
   * Signers by key, per thread: a signer keeps its digest and signature engines between messages
   * (they are costly to set up) and so must not be shared by threads that sign at once.
   */
  private final ThreadLocal<Map<SameKey, DkimSigner>> signers =
      ThreadLocal.withInitial(
          () ->
              new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<SameKey, DkimSigner> eldest) {
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
   * A copy of {@code message} that is signed as it is written (on the calling thread, which must be
   * the one that writes it); the envelope sender is kept.
   */
  public SMTPMessage sign(SMTPMessage message, DkimKey key) throws MessagingException {
    Map<SameKey, DkimSigner> mine = signers.get();
    DkimSigner signer = mine.get(new SameKey(key));
    if (signer == null) {
      signer = signerFor(key);
      mine.put(new SameKey(key), signer);
    }
    DkimMessage signed = new DkimMessage(message, signer);
    signed.setEnvelopeFrom(message.getEnvelopeFrom());
    return signed;
  }

  private static DkimSigner signerFor(DkimKey key) throws MessagingException {
    DkimSigner signer = new DkimSigner(key.domain(), key.selector(), key.privateKey());
    signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
    signer.setHeaderCanonicalization(Canonicalization.RELAXED);
    signer.setBodyCanonicalization(Canonicalization.RELAXED);
    signer.setCheckDomainKey(false); // the published key is checked by receivers, not by us
    for (String header : ALSO_SIGNED) {
      signer.removeHeaderToSign(header);
      signer.addHeaderToSign(header);
    }
    return signer;
  }
}
