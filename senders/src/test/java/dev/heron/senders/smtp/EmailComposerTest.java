package dev.heron.senders.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.events.Channel;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.events.TrackingLinks;
import dev.heron.senders.content.LinkTracker;
import dev.heron.senders.delivery.OutboundMessage;
import dev.heron.senders.delivery.RenderedContent;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class EmailComposerTest {
  private final TrackingLinks links = new TrackingLinks("https://t.heron.test", "secret");
  private final EmailComposer composer = new EmailComposer();

  public static SendRequest request(MessageClass messageClass, String address, String from) {
    return new SendRequest(
        SendRequest.SCHEMA_VERSION,
        Instant.now(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        Channel.EMAIL,
        messageClass,
        "A",
        address,
        "news.heron.test",
        from,
        UUID.randomUUID(),
        1,
        Map.of());
  }

  private OutboundMessage outbound(SendRequest request, String html, String text) {
    LinkTracker.TrackedHtml tracked =
        html == null ? null : new LinkTracker(links).track(request.messageId(), html);
    return new OutboundMessage(
        request,
        new RenderedContent(
            "Spring sale – 20% off",
            tracked == null ? null : tracked.html(),
            text,
            tracked == null ? java.util.List.of() : tracked.links(),
            links.unsubscribeUrl(request.messageId())),
        1);
  }

  /** The message as a receiving server parses it from the bytes on the wire. */
  private static MimeMessage onTheWire(MimeMessage message) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    message.writeTo(bytes);
    return new MimeMessage(
        Session.getInstance(new Properties()), new ByteArrayInputStream(bytes.toByteArray()));
  }

  /**
   * The body goes in as UTF-8 bytes rather than through Angus Mail's {@code setText}; the message
   * must read the same: the same content type, the transfer encoding Angus Mail would choose (7bit,
   * quoted-printable for mostly ASCII or over-long lines, base64 for mostly non-ASCII) and the same
   * bytes.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "Plain ASCII.\nA second line.\n",
        "Grüße aus Köln, mostly ASCII – with a dash",
        "日本語のテキストだけのメッセージです",
        "a line longer than SMTP allows: "
      })
  void aBodyIsEncodedAsAngusMailsOwnSetTextWould(String text) throws Exception {
    String body = text.endsWith(": ") ? text + "x".repeat(1200) : text;
    for (String html : new String[] {null, "<p>" + body + "</p>"}) {
      OutboundMessage outbound =
          outbound(request(MessageClass.TRANSACTIONAL, "a@b.test", null), html, body);
      EmailComposer.Composed composed = composer.compose(outbound);
      MimeMessage reference = new MimeMessage(Session.getInstance(new Properties()));
      if (html == null) {
        reference.setText(body, "UTF-8", "plain");
      } else {
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(body, "UTF-8", "plain");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(outbound.content().html(), "UTF-8", "html");
        reference.setContent(new MimeMultipart("alternative", textPart, htmlPart));
      }
      reference.saveChanges();
      assertThat(partsOf(onTheWire(composed.message())))
          .as(html == null ? "text only" : "text and HTML")
          .isEqualTo(partsOf(onTheWire(reference)));
    }
  }

  /** Each part's content type, transfer encoding and raw (still encoded) body. */
  private static List<String> partsOf(MimeMessage message) throws Exception {
    List<MimePart> parts = new ArrayList<>();
    if (message.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        parts.add((MimePart) multipart.getBodyPart(i));
      }
    } else {
      parts.add(message);
    }
    List<String> described = new ArrayList<>();
    for (MimePart part : parts) {
      byte[] raw =
          part instanceof MimeMessage m
              ? m.getRawInputStream().readAllBytes()
              : ((MimeBodyPart) part).getRawInputStream().readAllBytes();
      described.add(
          part.getContentType()
              + " | "
              + part.getEncoding()
              + " | "
              + new String(raw, StandardCharsets.US_ASCII));
    }
    return described;
  }

  @Test
  void aMarketingMessageCarriesTrackingUnsubscribeAndIdentityHeaders() throws Exception {
    SendRequest request =
        request(MessageClass.MARKETING, "alice@gmail.test", "Heron News <news@news.heron.test>");
    OutboundMessage outbound =
        outbound(
            request,
            "<html><body><a href=\"https://shop.test/sale\">Shop</a></body></html>",
            "Shop at https://shop.test/sale");

    EmailComposer.Composed composed = composer.compose(outbound);
    MimeMessage mime = onTheWire(composed.message());

    UUID id = request.messageId();
    assertThat(composed.envelopeFrom()).isEqualTo("bounces+" + id + "@news.heron.test");
    assertThat(composed.message().getEnvelopeFrom()).isEqualTo(composed.envelopeFrom());
    assertThat(composed.recipient().getAddress()).isEqualTo("alice@gmail.test");
    assertThat(mime.getHeader("From", null)).isEqualTo("Heron News <news@news.heron.test>");
    assertThat(mime.getHeader("To", null)).isEqualTo("alice@gmail.test");
    assertThat(mime.getSubject()).isEqualTo("Spring sale – 20% off");
    assertThat(mime.getMessageID()).isEqualTo("<" + id + "@news.heron.test>");
    assertThat(mime.getSentDate()).isNotNull();
    assertThat(mime.getHeader("List-Unsubscribe", null))
        .isEqualTo("<" + links.unsubscribeUrl(id) + ">");
    assertThat(mime.getHeader("List-Unsubscribe-Post", null))
        .isEqualTo("List-Unsubscribe=One-Click");
    assertThat(mime.getHeader("Feedback-ID", null))
        .isEqualTo(request.campaignId() + ":" + request.tenantId() + ":marketing:heron");

    Multipart parts = (Multipart) mime.getContent();
    assertThat(parts.getContentType()).startsWith("multipart/alternative");
    assertThat(parts.getCount()).isEqualTo(2);
    assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat((String) parts.getBodyPart(1).getContent())
        .contains(links.clickUrl(id, 0))
        .contains(links.openUrl(id))
        .doesNotContain("https://shop.test/sale");
  }

  @Test
  void aTransactionalMessageHasNoUnsubscribeHeaders() throws Exception {
    SendRequest request = request(MessageClass.TRANSACTIONAL, "bob@gmail.test", null);

    MimeMessage mime =
        onTheWire(composer.compose(outbound(request, null, "Your code is 1234")).message());

    assertThat(mime.getHeader("List-Unsubscribe")).isNull();
    assertThat(mime.getHeader("List-Unsubscribe-Post")).isNull();
    assertThat(mime.getHeader("From", null)).isEqualTo("no-reply@news.heron.test");
    assertThat(mime.getContentType()).startsWith("text/plain");
    assertThat(mime.getHeader("Feedback-ID", null)).endsWith(":transactional:heron");
  }

  @Test
  void aBadAddressIsRefusedNamingTheField() {
    SendRequest request = request(MessageClass.MARKETING, "not an address", null);

    assertThatThrownBy(() -> composer.compose(outbound(request, null, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("field 'address'");
  }
}
