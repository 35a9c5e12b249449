package dev.heron.simulator.reports;

import dev.heron.simulator.smtp.AcceptedMessage;
import dev.heron.simulator.smtp.Provider;
import dev.heron.simulator.smtp.RawHeaders;
import dev.heron.simulator.smtp.Reply;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.Locale;
import java.util.UUID;

/**
 * Builds the reports a provider sends after accepting a message: an RFC 3464 delivery status
 * notification for a mailbox that turns out not to exist, and an RFC 5965 ARF abuse report for a
 * recipient who marks the message as spam. Both go to the original envelope sender (the VERP return
 * path) so that Heron can find the message they are about. A recipient's reply, no report, goes to
 * the From address and names the message it answers.
 */
public final class DeliveryReports {
  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final Session session;

  public DeliveryReports(Session session) {
    this.session = session;
  }

  /** A failure DSN for {@code original}, with {@code diagnostic} as the remote MTA's reply. */
  public MimeMessage dsn(AcceptedMessage original, Provider provider, Reply diagnostic, Instant now)
      throws MessagingException {
    MimeMessage report = envelope(original, provider, now);
    report.setFrom(named("mailer-daemon@" + provider.mxHost(), "Mail Delivery Subsystem"));
    report.setSubject("Delivery Status Notification (Failure)");
    ReportMultipart parts = new ReportMultipart("delivery-status");
    parts.addBodyPart(
        text(
            "This is the mail system at host "
                + provider.mxHost()
                + ".\r\n\r\nYour message to "
                + original.recipient()
                + " could not be delivered.\r\nThe mail system said:\r\n\r\n    "
                + diagnostic.text()
                + "\r\n"));
    String status = enhancedStatus(diagnostic);
    String deliveryStatus =
        "Reporting-MTA: dns; "
            + provider.mxHost()
            + "\r\n"
            + "Arrival-Date: "
            + RFC_5322.format(original.at())
            + "\r\n"
            + "\r\n"
            + "Original-Recipient: rfc822; "
            + original.recipient()
            + "\r\n"
            + "Final-Recipient: rfc822; "
            + original.recipient()
            + "\r\n"
            + "Action: failed\r\n"
            + "Status: "
            + status
            + "\r\n"
            + "Remote-MTA: dns; "
            + provider.mxHost()
            + "\r\n"
            + "Diagnostic-Code: smtp; "
            + diagnostic.text()
            + "\r\n"
            + "Last-Attempt-Date: "
            + RFC_5322.format(now)
            + "\r\n";
    parts.addBodyPart(
        raw(deliveryStatus.getBytes(StandardCharsets.US_ASCII), "message/delivery-status"));
    parts.addBodyPart(raw(headersOf(original.raw()), "text/rfc822-headers"));
    return finished(report, parts, provider);
  }

  /** An ARF abuse report for {@code original}, carrying the whole original message. */
  public MimeMessage arf(AcceptedMessage original, Provider provider, Instant now)
      throws MessagingException {
    MimeMessage report = envelope(original, provider, now);
    String providerDomain =
        provider.domains().isEmpty() ? provider.mxHost() : provider.domains().get(0);
    report.setFrom(named("feedback@" + providerDomain, "Feedback Loop"));
    report.setSubject("Email Feedback Report for IP " + original.sourceIp());
    ReportMultipart parts = new ReportMultipart("feedback-report");
    parts.addBodyPart(
        text(
            "This is an email abuse report for an email message received from IP "
                + original.sourceIp()
                + " on "
                + RFC_5322.format(original.at())
                + ".\r\nA recipient marked it as spam.\r\n"));
    String feedback =
        "Feedback-Type: abuse\r\n"
            + "User-Agent: HeronSim-FBL/1.0\r\n"
            + "Version: 1\r\n"
            + "Original-Mail-From: <"
            + original.envelopeFrom()
            + ">\r\n"
            + "Original-Rcpt-To: <"
            + original.recipient()
            + ">\r\n"
            + "Arrival-Date: "
            + RFC_5322.format(original.at())
            + "\r\n"
            + "Reporting-MTA: dns; "
            + provider.mxHost()
            + "\r\n"
            + "Source-IP: "
            + original.sourceIp()
            + "\r\n"
            + reportedDomain(original.raw())
            + "Authentication-Results: "
            + provider.mxHost()
            + "; none\r\n";
    parts.addBodyPart(raw(feedback.getBytes(StandardCharsets.US_ASCII), "message/feedback-report"));
    MimeBodyPart attached = raw(original.raw(), "message/rfc822");
    // RFC 2046 allows only an identity encoding on message/rfc822: say which one it is.
    attached.setHeader("Content-Transfer-Encoding", isAscii(original.raw()) ? "7bit" : "8bit");
    parts.addBodyPart(attached);
    return finished(report, parts, provider);
  }

  /**
   * The recipient's answer to {@code original}, as a mail client writes one: to the From address,
   * {@code Re:} the subject, {@code In-Reply-To} and {@code References} naming its Message-ID, and
   * none of the headers of an automatic answer.
   */
  public MimeMessage reply(AcceptedMessage original, Provider provider, Instant now)
      throws MessagingException {
    MimeMessage replied = new MimeMessage(session, new ByteArrayInputStream(original.raw()));
    MimeMessage reply = new MimeMessage(session);
    reply.setFrom(new InternetAddress(original.recipient()));
    reply.setRecipients(Message.RecipientType.TO, replied.getFrom());
    String subject = replied.getSubject() == null ? "" : replied.getSubject();
    reply.setSubject(subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject);
    reply.setSentDate(Date.from(now));
    String answered = replied.getMessageID();
    if (answered != null) {
      reply.setHeader("In-Reply-To", answered);
      reply.setHeader("References", answered);
    }
    reply.setText("Thanks! Is this also available in blue?\r\n", "UTF-8");
    reply.setHeader("X-Heron-Sim-Provider", provider.name());
    reply.saveChanges();
    reply.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + provider.mxHost() + ">");
    return reply;
  }

  private static MimeMessage finished(MimeMessage report, ReportMultipart parts, Provider provider)
      throws MessagingException {
    report.setContent(parts);
    report.saveChanges();
    report.setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + provider.mxHost() + ">");
    return report;
  }

  private static boolean isAscii(byte[] raw) {
    for (byte b : raw) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  private MimeMessage envelope(AcceptedMessage original, Provider provider, Instant now)
      throws MessagingException {
    MimeMessage report = new MimeMessage(session);
    report.setRecipient(Message.RecipientType.TO, new InternetAddress(original.envelopeFrom()));
    report.setSentDate(Date.from(now));
    report.setHeader("Auto-Submitted", "auto-replied");
    report.setHeader("X-Heron-Sim-Provider", provider.name());
    return report;
  }

  /** The enhanced status code ({@code 5.1.1}) in a reply, or the class default for its code. */
  static String enhancedStatus(Reply reply) {
    String[] words = reply.afterCode().split("\\s+", 2);
    if (words.length > 0 && words[0].matches("[245]\\.\\d{1,3}\\.\\d{1,3}")) {
      return words[0];
    }
    return reply.code() / 100 + ".0.0";
  }

  /** The header block of a raw message, up to (not including) the empty line. */
  static byte[] headersOf(byte[] raw) {
    return Arrays.copyOf(raw, RawHeaders.headerBlockLength(raw));
  }

  private static String reportedDomain(byte[] raw) {
    try {
      String from = RawHeaders.value(raw, "From").orElse(null);
      if (from == null) {
        return "";
      }
      InternetAddress[] addresses = InternetAddress.parseHeader(from, false);
      if (addresses.length == 0 || addresses[0].getAddress() == null) {
        return "";
      }
      String address = addresses[0].getAddress();
      int at = address.lastIndexOf('@');
      return at < 0
          ? ""
          : "Reported-Domain: " + address.substring(at + 1).toLowerCase(Locale.ROOT) + "\r\n";
    } catch (MessagingException e) {
      return "";
    }
  }

  private static InternetAddress named(String address, String personal) {
    try {
      return new InternetAddress(address, personal, "US-ASCII");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("US-ASCII is always supported", e);
    }
  }

  private static MimeBodyPart text(String text) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setText(text, "us-ascii");
    return part;
  }

  private static MimeBodyPart raw(byte[] content, String type) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
    part.setHeader("Content-Type", type);
    return part;
  }
}
