package dev.heron.senders.smtp;

import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.senders.delivery.OutboundMessage;
import dev.heron.senders.delivery.RenderedContent;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPMessage;

/**
 * Builds the MIME message of an email: From/To/Subject/Date, a {@code Message-ID} that names the
 * message ({@code <messageId@identity>}), a VERP envelope sender ({@code
 * bounces+messageId@identity}) so that a late bounce finds its message, a {@code Feedback-ID}, and
 * on marketing mail the RFC 8058 one-click unsubscribe headers.
 */
public final class EmailComposer {
  private static final String CHARSET = StandardCharsets.UTF_8.name();

  private final Session session = Session.getInstance(new Properties());

  /** The message and the addresses of its SMTP envelope. */
  public record Composed(SMTPMessage message, InternetAddress recipient, String envelopeFrom) {
    /** The same envelope around another form of the message (its signed copy, say). */
    public Composed with(SMTPMessage other) {
      return new Composed(other, recipient, envelopeFrom);
    }
  }

  /**
   * @throws IllegalArgumentException naming the request field that makes a message impossible
   */
  public Composed compose(OutboundMessage outbound) throws MessagingException {
    SendRequest request = outbound.request();
    RenderedContent content = outbound.content();
    String identity = identityOf(request);
    InternetAddress from = address(fromOf(request, identity), "fromAddress");
    InternetAddress to = address(request.address(), "address");
    String envelopeFrom = "bounces+" + request.messageId() + "@" + identity;

    SMTPMessage message = new IdentifiedMessage(session, request.messageId() + "@" + identity);
    message.setFrom(from);
    message.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
    message.setSubject(content.subject() == null ? "" : content.subject(), CHARSET);
    message.setSentDate(new Date());
    message.setEnvelopeFrom(envelopeFrom);
    message.setHeader("Feedback-ID", feedbackId(request));
    if (request.messageClass() != MessageClass.TRANSACTIONAL) {
      message.setHeader("List-Unsubscribe", "<" + content.unsubscribeUrl() + ">");
      message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    setBody(message, content);
    message.saveChanges();
    return new Composed(message, to, envelopeFrom);
  }

  /**
   * The recipient's address, checked.
   *
   * @throws IllegalArgumentException naming the {@code address} field when it is not one
   */
  public static InternetAddress recipientOf(SendRequest request) {
    return address(request.address(), "address");
  }

  /** The sender identity (from-domain); the From address's domain when the request has none. */
  static String identityOf(SendRequest request) {
    if (request.senderIdentity() != null && !request.senderIdentity().isBlank()) {
      return request.senderIdentity().strip().toLowerCase(Locale.ROOT);
    }
    String from = request.fromAddress();
    int at = from == null ? -1 : from.lastIndexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("field 'senderIdentity': missing, and no fromAddress");
    }
    return from.substring(at + 1).replace(">", "").strip().toLowerCase(Locale.ROOT);
  }

  private static String fromOf(SendRequest request, String identity) {
    return request.fromAddress() != null && !request.fromAddress().isBlank()
        ? request.fromAddress()
        : "no-reply@" + identity;
  }

  /**
   * Gmail's format: fields that group the feedback loop's reports, most specific first, ending with
   * the sender's id.
   */
  static String feedbackId(SendRequest request) {
    MessageClass messageClass =
        request.messageClass() == null ? MessageClass.MARKETING : request.messageClass();
    return request.campaignId()
        + ":"
        + request.tenantId()
        + ":"
        + messageClass.wireName()
        + ":heron";
  }

  private static InternetAddress address(String value, String field) {
    try {
      InternetAddress address = new InternetAddress(value, true);
      if (address.getAddress().indexOf('@') < 0) {
        throw new IllegalArgumentException(
            "field '" + field + "': '" + value + "' has no domain part");
      }
      return address;
    } catch (AddressException e) {
      throw new IllegalArgumentException(
          "field '" + field + "': '" + value + "' is not an email address: " + e.getMessage(), e);
    }
  }

  private static void setBody(SMTPMessage message, RenderedContent content)
      throws MessagingException {
    boolean hasHtml = content.html() != null && !content.html().isEmpty();
    boolean hasText = content.text() != null && !content.text().isEmpty();
    if (hasHtml && hasText) {
      MimeBodyPart text = new MimeBodyPart();
      setText(text, content.text(), "plain");
      MimeBodyPart html = new MimeBodyPart();
      setText(html, content.html(), "html");
      message.setContent(new MimeMultipart("alternative", text, html));
    } else if (hasHtml) {
      setText(message, content.html(), "html");
    } else if (hasText) {
      setText(message, content.text(), "plain");
    } else {
      throw new IllegalArgumentException("the template has neither an HTML nor a text body");
    }
  }

  /**
   * What {@code setText(body, "UTF-8", subtype)} does, with the body's UTF-8 bytes behind a data
   * source instead of the string: Angus Mail writes a string body through a stream without an array
   * write, a byte at a time, once to choose the transfer encoding and once into the message (6–10 %
   * of the sender's CPU in the send benchmark's profile); bytes go in blocks.
   */
  private static void setText(MimePart part, String body, String subtype)
      throws MessagingException {
    String type = "text/" + subtype + "; charset=" + CHARSET;
    part.setDataHandler(
        new DataHandler(new ByteArrayDataSource(body.getBytes(StandardCharsets.UTF_8), type)));
  }

  /** Keeps the Message-ID Heron chose instead of generating one when the message is saved. */
  private static final class IdentifiedMessage extends SMTPMessage {
    private final String messageId;

    IdentifiedMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", "<" + messageId + ">");
    }
  }
}
