package dev.heron.senders.smtp;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * A message already written to bytes (signed, say): the transport copies them to the socket as they
 * are instead of writing the MIME tree again through its filter streams. Its headers are not
 * parsed: only the SMTP envelope is read from it.
 */
final class PreparedMessage extends SMTPMessage {
  private final byte[] bytes;

  PreparedMessage(Session session, byte[] bytes, String envelopeFrom) {
    super(session);
    this.bytes = bytes;
    setEnvelopeFrom(envelopeFrom);
  }

  @Override
  public void writeTo(OutputStream out, String[] ignoreHeaders)
      throws IOException, MessagingException {
    out.write(bytes);
  }

  @Override
  public void writeTo(OutputStream out) throws IOException, MessagingException {
    out.write(bytes);
  }

  @Override
  public int getSize() {
    return bytes.length;
  }
}
