package dev.heron.senders.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.events.TrackingLinks;
import dev.heron.senders.content.LinkTracker;
import dev.heron.senders.delivery.OutboundMessage;
import dev.heron.senders.delivery.RenderedContent;
import dev.heron.senders.smtp.EmailComposer;
import dev.heron.senders.smtp.EmailComposerTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

public class DkimSigningTest {
  private static KeyPair keys;

  @BeforeAll
  static void generateKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    keys = generator.generateKeyPair();
  }

  /** The private key as sender_identities keeps it. */
  public static String pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static byte[] signedMessage() throws Exception {
    SendRequest request =
        EmailComposerTest.request(
            MessageClass.MARKETING, "alice@gmail.test", "Heron News <news@news.heron.test>");
    TrackingLinks links = new TrackingLinks("https://t.heron.test", "s");
    LinkTracker.TrackedHtml html =
        new LinkTracker(links)
            .track(
                request.messageId(),
                "<p>Spring   sale  \t</p>\n<a href=\"https://shop.test/\">Shop</a>\n\n\n");
    EmailComposer.Composed composed =
        new EmailComposer()
            .compose(
                new OutboundMessage(
                    request,
                    new RenderedContent(
                        "A subject that is long enough that a careful writer would fold it somewhere",
                        html.html(),
                        "Spring sale",
                        html.links(),
                        links.unsubscribeUrl(request.messageId())),
                    1));
    DkimKey key = new DkimKey("news.heron.test", "heron1", DkimKey.parsePem(pem(keys)));
    SMTPMessage signed = new DkimSigning().sign(composed.message(), key);
    assertThat(signed.getEnvelopeFrom()).isEqualTo(composed.envelopeFrom());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    signed.writeTo(out);
    return out.toByteArray();
  }

  @Test
  void theSignatureVerifiesAndCoversTheHeadersThatMatter() throws Exception {
    DkimVerifier.Result result = DkimVerifier.verify(signedMessage(), keys.getPublic());

    assertThat(result.problem()).isNull();
    assertThat(result.valid()).isTrue();
    assertThat(result.tags())
        .containsEntry("a", "rsa-sha256")
        .containsEntry("c", "relaxed/relaxed")
        .containsEntry("d", "news.heron.test")
        .containsEntry("s", "heron1");
    List<String> signedHeaders =
        Arrays.stream(result.tags().get("h").split(":")).map(String::toLowerCase).toList();
    assertThat(signedHeaders)
        .contains(
            "from",
            "to",
            "subject",
            "date",
            "message-id",
            "list-unsubscribe",
            "list-unsubscribe-post",
            "feedback-id");
  }

  @Test
  void aChangedHeaderOrBodyNoLongerVerifies() throws Exception {
    String original = new String(signedMessage(), StandardCharsets.ISO_8859_1);

    String otherSubject = original.replaceFirst("Subject: A subject", "Subject: B subject");
    String otherBody = original.replace("Spring sale", "Summer sale");

    assertThat(
            DkimVerifier.verify(
                    otherSubject.getBytes(StandardCharsets.ISO_8859_1), keys.getPublic())
                .valid())
        .isFalse();
    assertThat(
            DkimVerifier.verify(otherBody.getBytes(StandardCharsets.ISO_8859_1), keys.getPublic())
                .problem())
        .isEqualTo("body hash differs");
  }

  @Test
  void aKeyThatIsNotPkcs8PemIsRefusedNamingTheColumn() {
    RSAPrivateKey parsed = DkimKey.parsePem(pem(keys));
    assertThat(parsed.getModulus().bitLength()).isEqualTo(2048);
    assertThatThrownBy(() -> DkimKey.parsePem("-----BEGIN PRIVATE KEY-----\nnope\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dkim_private_key");
  }
}
