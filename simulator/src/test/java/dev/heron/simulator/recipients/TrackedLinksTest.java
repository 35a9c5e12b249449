package dev.heron.simulator.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TrackedLinksTest {
  @Test
  void findsThePixelTheTrackedLinksAndTheOneClickUrlInAQuotedPrintableHtmlPart() throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
    MimeBodyPart plain = new MimeBodyPart();
    plain.setText("See https://h/t/c/notInHtml");
    MimeBodyPart html = new MimeBodyPart();
    String longParagraph = "Caf\u00e9 ".repeat(40);
    html.setContent(
        "<p>"
            + longParagraph
            + "</p><a href=\"https://h/t/c/AAA?x=1&amp;y=2\">a</a>"
            + "<a href='https://h/t/c/BBB'>b</a><a href=\"https://h/t/c/AAA?x=1&amp;y=2\">again</a>"
            + "<a href=\"https://elsewhere/\">c</a><IMG SRC=\"https://h/t/o/PIX.gif\">",
        "text/html; charset=utf-8");
    message.setContent(new MimeMultipart("alternative", plain, html));
    message.setHeader("List-Unsubscribe", "<mailto:u@h>, <https://h/t/u/UNS>");
    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    message.saveChanges();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    message.writeTo(raw);
    assertThat(raw.toString(StandardCharsets.US_ASCII)).contains("quoted-printable");

    TrackedLinks links = TrackedLinks.in(raw.toByteArray());

    assertThat(links.pixel()).contains("https://h/t/o/PIX.gif");
    assertThat(links.clicks()).containsExactly("https://h/t/c/AAA?x=1&y=2", "https://h/t/c/BBB");
    assertThat(links.oneClickUnsubscribe()).contains("https://h/t/u/UNS");
  }

  @Test
  void withoutTheOneClickHeaderThereIsNoOneClickUrl() {
    byte[] raw =
        "Subject: x\r\nList-Unsubscribe: <https://h/t/u/UNS>\r\n\r\nhello\r\n"
            .getBytes(StandardCharsets.US_ASCII);
    TrackedLinks links = TrackedLinks.in(raw);
    assertThat(links.oneClickUnsubscribe()).isEmpty();
    assertThat(links.pixel()).isEmpty();
    assertThat(links.clicks()).isEmpty();
  }
}
