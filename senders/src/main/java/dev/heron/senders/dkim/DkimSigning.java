package dev.heron.senders.dkim;

import jakarta.mail.MessagingException;
import java.util.List;
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

  /** A copy of {@code message} that is signed as it is written; the envelope sender is kept. */
  public SMTPMessage sign(SMTPMessage message, DkimKey key) throws MessagingException {
    DkimSigner signer = new DkimSigner(key.domain(), key.selector(), key.privateKey());
    signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
    signer.setHeaderCanonicalization(Canonicalization.RELAXED);
    signer.setBodyCanonicalization(Canonicalization.RELAXED);
    signer.setCheckDomainKey(false); // the published key is checked by receivers, not by us
    for (String header : ALSO_SIGNED) {
      signer.removeHeaderToSign(header);
      signer.addHeaderToSign(header);
    }
    DkimMessage signed = new DkimMessage(message, signer);
    signed.setEnvelopeFrom(message.getEnvelopeFrom());
    return signed;
  }
}
