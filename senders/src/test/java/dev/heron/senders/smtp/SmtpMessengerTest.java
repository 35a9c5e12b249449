package dev.heron.senders.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.EventType;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.senders.delivery.DeliveryAttempt;
import dev.heron.senders.delivery.OutboundMessage;
import dev.heron.senders.delivery.RenderedContent;
import dev.heron.senders.dkim.DkimKeys;
import dev.heron.senders.dns.MxResolver;
import dev.heron.senders.dns.ProviderRules;
import dev.heron.senders.routing.RoundRobinIpSelector;
import dev.heron.senders.shaping.ShapingRules;
import dev.heron.senders.shaping.TrafficShaper;
import dev.heron.senders.world.Teardown;
import dev.heron.senders.world.TestDns;
import dev.heron.senders.world.TestSmtp;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMTP messenger on its own, against a server that offers STARTTLS with its own cert. */
class SmtpMessengerTest {
  @TempDir Path dir;
  private TestDns dns;
  private TestSmtp smtp;
  private SmtpMessenger messenger;

  @AfterEach
  void stop() throws Exception {
    Teardown.closeAll(messenger, smtp, dns);
  }

  /** A self-signed certificate, as many MX hosts have: made by the JDK's keytool. */
  private SSLContext selfSigned() throws Exception {
    Path store = dir.resolve("mx.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "mx",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=mx.test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "secret",
                "-keypass",
                "secret")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(store.toFile())) {
      keys.load(in, "secret".toCharArray());
    }
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, "secret".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    return context;
  }

  @Test
  void upgradesToTlsWhenOfferedAndReusesTheConnection() throws Exception {
    dns =
        new TestDns()
            .mx("gmail.test", 10, "gmail-smtp-in.l.google.com", 300)
            .a("gmail-smtp-in.l.google.com", "127.0.0.1", 300);
    smtp = new TestSmtp(selfSigned());
    messenger =
        new SmtpMessenger(
            new MxResolver(MxResolver.resolverFor(dns.hostPort()), ProviderRules.standard()),
            new RoundRobinIpSelector(
                List::of, RoundRobinIpSelector.parseList("127.0.0.3"), Clock.systemUTC()),
            new EmailComposer(),
            new SmtpConnections(SmtpConnections.Options.forPort(smtp.port())),
            new ReplyClassifier(),
            DkimKeys.NONE,
            new TrafficShaper(ShapingRules.standard(), Clock.systemUTC()));

    for (String to : List.of("a@gmail.test", "b@gmail.test", "c@gmail.test")) {
      SendRequest request = EmailComposerTest.request(MessageClass.MARKETING, to, null);
      DeliveryAttempt attempt =
          messenger
              .push(
                  new OutboundMessage(
                      request,
                      new RenderedContent("Hi", null, "Hello", List.of(), "https://t.test/u"),
                      1))
              .get(30, TimeUnit.SECONDS);
      assertThat(attempt.verdict().type()).as(attempt.reason()).isEqualTo(EventType.DELIVERED);
      assertThat(attempt.sendingIp()).isEqualTo("127.0.0.3");
      assertThat(attempt.provider()).isEqualTo("gmail");
      assertThat(attempt.reply().code()).isEqualTo(250);
    }

    assertThat(smtp.received())
        .hasSize(3)
        .allSatisfy(
            r -> {
              assertThat(r.tls()).as("STARTTLS").isTrue();
              assertThat(r.sourceIp()).isEqualTo("127.0.0.3");
            });
    assertThat(smtp.connections()).isEqualTo(1);
  }

  @Test
  void anUnreachableExchangerIsADeferralAndAnUnknownDomainAHardBounce() throws Exception {
    dns =
        new TestDns().mx("down.test", 10, "mx.down.test", 300).a("mx.down.test", "127.0.0.1", 300);
    messenger =
        new SmtpMessenger(
            new MxResolver(MxResolver.resolverFor(dns.hostPort()), ProviderRules.standard()),
            new RoundRobinIpSelector(
                List::of, RoundRobinIpSelector.parseList("127.0.0.2"), Clock.systemUTC()),
            new EmailComposer(),
            new SmtpConnections(SmtpConnections.Options.forPort(1)), // nothing listens on port 1
            new ReplyClassifier(),
            DkimKeys.NONE,
            new TrafficShaper(ShapingRules.standard(), Clock.systemUTC()));
    RenderedContent content =
        new RenderedContent("Hi", null, "Hello", List.of(), "https://t.test/u");

    DeliveryAttempt down =
        messenger
            .push(
                new OutboundMessage(
                    EmailComposerTest.request(MessageClass.MARKETING, "x@down.test", null),
                    content,
                    1))
            .get(30, TimeUnit.SECONDS);
    DeliveryAttempt nowhere =
        messenger
            .push(
                new OutboundMessage(
                    EmailComposerTest.request(MessageClass.MARKETING, "x@nowhere.test", null),
                    content,
                    1))
            .get(30, TimeUnit.SECONDS);

    assertThat(down.verdict().type()).isEqualTo(EventType.DEFERRED);
    assertThat(down.reason()).contains("cannot connect to mx.down.test");
    assertThat(down.handedOver()).isFalse();
    assertThat(nowhere.verdict().bounceClass()).isEqualTo(dev.heron.events.BounceClass.HARD);
    assertThat(nowhere.reason()).contains("NXDOMAIN");
  }
}
