package dev.heron.senders.smtp;

import jakarta.mail.MessagingException;
import java.net.BindException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** Finds the server's reply inside the exceptions Angus Mail throws. */
final class SmtpErrors {
  /** Angus Mail's text for a greeting or EHLO it did not like ends with the reply. */
  private static final Pattern TRAILING_RESPONSE =
      Pattern.compile("response:\\s*(\\d{3}[\\s\\S]*)$");

  /** The reply a failed transaction ended with, the recipient's own before any other. */
  static Optional<SmtpReply> replyOf(MessagingException failure) {
    SMTPSendFailedException send = null;
    SMTPSenderFailedException sender = null;
    for (Exception e = failure; e != null; e = next(e)) {
      if (e instanceof SMTPAddressFailedException address) {
        return Optional.of(SmtpReply.of(address.getReturnCode(), address.getMessage()));
      }
      if (e instanceof SMTPSenderFailedException s && sender == null) {
        sender = s;
      }
      if (e instanceof SMTPSendFailedException s && send == null) {
        send = s;
      }
    }
    if (sender != null) {
      return Optional.of(SmtpReply.of(sender.getReturnCode(), sender.getMessage()));
    }
    if (send != null && send.getReturnCode() > 0) {
      return Optional.of(SmtpReply.of(send.getReturnCode(), send.getMessage()));
    }
    Matcher trailing = TRAILING_RESPONSE.matcher(String.valueOf(failure.getMessage()));
    if (trailing.find()) {
      return Optional.of(SmtpReply.parse(trailing.group(1)));
    }
    return Optional.empty();
  }

  /** True when the source address cannot be bound: a fault of this machine, not the server. */
  static boolean isBindFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /** The innermost explanation, for a reason text. */
  static String describe(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String top = String.valueOf(failure.getMessage());
    return root == failure ? top : top + ": " + root;
  }

  private static Exception next(Exception e) {
    return e instanceof MessagingException m ? m.getNextException() : null;
  }

  private SmtpErrors() {}
}
