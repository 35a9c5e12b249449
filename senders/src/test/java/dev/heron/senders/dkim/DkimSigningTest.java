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
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

public class DkimSigningTest {
  private static Map<DkimAlgorithm, KeyPair> keys;

  @BeforeAll
  static void generateKeys() throws Exception {
    keys = Map.of(DkimAlgorithm.RSA_SHA256, rsaKeys(), DkimAlgorithm.ED25519_SHA256, ed25519Keys());
  }

  /** A 2048-bit RSA key pair, an identity's default. */
  public static KeyPair rsaKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  /** An Ed25519 key pair (RFC 8463). */
  public static KeyPair ed25519Keys() throws Exception {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  /** The private key as sender_identities keeps it. */
  public static String pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static byte[] signedMessage(DkimAlgorithm algorithm, String text) throws Exception {
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
                        text,
                        html.links(),
                        links.unsubscribeUrl(request.messageId())),
                    1));
    DkimKey key =
        new DkimKey("news.heron.test", "heron1", DkimKey.parsePem(pem(keys.get(algorithm))));
    assertThat(key.algorithm()).isEqualTo(algorithm);
    return new DkimSigning().sign(composed.message(), key);
  }

  @ParameterizedTest
  @EnumSource(DkimAlgorithm.class)
  void theSignatureVerifiesAndCoversTheHeadersThatMatter(DkimAlgorithm algorithm) throws Exception {
    DkimVerifier.Result result =
        DkimVerifier.verify(
            signedMessage(algorithm, "Spring sale"), keys.get(algorithm).getPublic());

    assertThat(result.problem()).isNull();
    assertThat(result.valid()).isTrue();
    assertThat(result.tags())
        .containsEntry("a", algorithm.tag())
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

  @ParameterizedTest
  @EnumSource(DkimAlgorithm.class)
  void aBodyWithBareNewlinesTrailingSpaceAndEmptyLinesVerifiesAsSent(DkimAlgorithm algorithm)
      throws Exception {
    byte[] signed = signedMessage(algorithm, "Spring  sale \t\nline two\n\n\n\r\n  indented\n\n\n");

    String text = new String(signed, StandardCharsets.ISO_8859_1);
    assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    assertThat(DkimVerifier.verify(signed, keys.get(algorithm).getPublic()).problem()).isNull();
  }

  @ParameterizedTest
  @EnumSource(DkimAlgorithm.class)
  void aChangedHeaderOrBodyNoLongerVerifies(DkimAlgorithm algorithm) throws Exception {
    String original =
        new String(signedMessage(algorithm, "Spring sale"), StandardCharsets.ISO_8859_1);

    String otherSubject = original.replaceFirst("Subject: A subject", "Subject: B subject");
    String otherBody = original.replace("Spring sale", "Summer sale");

    assertThat(
            DkimVerifier.verify(
                    otherSubject.getBytes(StandardCharsets.ISO_8859_1),
                    keys.get(algorithm).getPublic())
                .valid())
        .isFalse();
    assertThat(
            DkimVerifier.verify(
                    otherBody.getBytes(StandardCharsets.ISO_8859_1),
                    keys.get(algorithm).getPublic())
                .problem())
        .isEqualTo("body hash differs");
  }

  @Test
  void theDnsRecordNamesTheKeyTypeAndForEd25519CarriesTheRaw32ByteKey() {
    KeyPair ed = keys.get(DkimAlgorithm.ED25519_SHA256);
    DkimKey edKey = new DkimKey("news.heron.test", "ed1", DkimKey.parsePem(pem(ed)));
    DkimKey rsaKey =
        new DkimKey(
            "news.heron.test", "rsa1", DkimKey.parsePem(pem(keys.get(DkimAlgorithm.RSA_SHA256))));

    String edRecord = edKey.dnsRecord();
    assertThat(edRecord).startsWith("v=DKIM1; k=ed25519; p=");
    byte[] published = Base64.getDecoder().decode(edRecord.substring(edRecord.indexOf("p=") + 2));
    // The JDK's encoding ends with the raw key (RFC 8032 §5.1.5) after a fixed 12-byte prefix.
    byte[] encoded = ((EdECPublicKey) ed.getPublic()).getEncoded();
    assertThat(published).hasSize(32).isEqualTo(Arrays.copyOfRange(encoded, 12, 44));
    assertThat(rsaKey.dnsRecord())
        .isEqualTo(
            "v=DKIM1; k=rsa; p="
                + Base64.getEncoder()
                    .encodeToString(keys.get(DkimAlgorithm.RSA_SHA256).getPublic().getEncoded()));
  }

  @Test
  void aKeyThatIsNotPkcs8PemIsRefusedNamingTheColumn() throws Exception {
    RSAPrivateKey parsed =
        (RSAPrivateKey) DkimKey.parsePem(pem(keys.get(DkimAlgorithm.RSA_SHA256)));
    assertThat(parsed.getModulus().bitLength()).isEqualTo(2048);
    assertThatThrownBy(() -> DkimKey.parsePem("-----BEGIN PRIVATE KEY-----\nnope\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dkim_private_key");
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    String p256 = pem(ec.generateKeyPair());
    assertThatThrownBy(() -> DkimKey.parsePem(p256))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dkim_private_key");
  }
}
