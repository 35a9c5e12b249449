package dev.heron.senders.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.EventType;
import dev.heron.events.MessageClass;
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
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection limit of a source IP at a provider holds across the provider's exchangers, and is
 * used in full: over real SMTP sockets to a server that answers slowly, so that every connection an
 * IP holds is busy at once.
 */
class ConnectionLimitTest {
  private static final String RULES =
      """
      {"limits": [
        {"provider": "gmail", "perSecond": 1000, "burst": 1000, "connections": 1},
        {"provider": "outlook", "perSecond": 1000, "burst": 1000, "connections": 3}
      ]}
      """;

  private TestDns dns;
  private TestSmtp smtp;
  private final List<SmtpMessenger> messengers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    List<AutoCloseable> all = new ArrayList<>(messengers);
    all.add(smtp);
    all.add(dns);
    Teardown.closeAll(all.toArray(AutoCloseable[]::new));
  }

  @Test
  void anIpHoldsAtMostItsLimitOfConnectionsAtAProviderAndUsesThemAll() throws Exception {
    dns =
        new TestDns()
            // Two domains of one provider on two exchangers.
            .mx("gmail.test", 10, "gmail-smtp-in.l.google.com", 300)
            .a("gmail-smtp-in.l.google.com", "127.0.0.1", 300)
            .mx("googlemail.test", 10, "alt1.gmail-smtp-in.l.google.com", 300)
            .a("alt1.gmail-smtp-in.l.google.com", "127.0.0.1", 300)
            .mx("outlook.test", 10, "heron-test.mail.protection.outlook.com", 300)
            .a("heron-test.mail.protection.outlook.com", "127.0.0.1", 300);
    // 127.0.0.5's first transactions wait for its third connection: on a loaded machine that one
    // could otherwise start only after the other two had sent everything.
    smtp =
        new TestSmtp()
            .slowly(Duration.ofMillis(300))
            .holdUntilBusy("127.0.0.5", 3, Duration.ofSeconds(20));
    TrafficShaper shaper =
        new TrafficShaper(
            ShapingRules.parse(RULES.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());
    assertThat(shaper.connections("gmail")).isEqualTo(1);
    assertThat(shaper.connections("yahoo")).as("no limit given: one").isEqualTo(1);
    SmtpMessenger toGmail = messenger("127.0.0.4", shaper);
    SmtpMessenger toOutlook = messenger("127.0.0.5", shaper);

    List<CompletableFuture<DeliveryAttempt>> attempts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String domain = i % 2 == 0 ? "gmail.test" : "googlemail.test";
      attempts.add(toGmail.push(message("g" + i + "@" + domain)));
    }
    for (int i = 0; i < 9; i++) {
      attempts.add(toOutlook.push(message("o" + i + "@outlook.test")));
    }
    for (CompletableFuture<DeliveryAttempt> a : attempts) {
      DeliveryAttempt attempt = a.get(60, TimeUnit.SECONDS);
      assertThat(attempt.verdict().type()).as(attempt.reason()).isEqualTo(EventType.DELIVERED);
    }

    assertThat(smtp.received()).hasSize(17);
    // gmail: one connection from 127.0.0.4, though its domains have two exchangers.
    assertThat(smtp.mostTransactionsAtOnce("127.0.0.4")).isEqualTo(1);
    // outlook: three at once from 127.0.0.5, though it has one exchanger.
    assertThat(smtp.mostTransactionsAtOnce("127.0.0.5")).isEqualTo(3);
  }

  private SmtpMessenger messenger(String ip, TrafficShaper shaper) {
    SmtpMessenger messenger =
        new SmtpMessenger(
            new MxResolver(MxResolver.resolverFor(dns.hostPort()), ProviderRules.standard()),
            new RoundRobinIpSelector(
                List::of, RoundRobinIpSelector.parseList(ip), Clock.systemUTC()),
            new EmailComposer(),
            new SmtpConnections(SmtpConnections.Options.forPort(smtp.port())),
            new ReplyClassifier(),
            DkimKeys.NONE,
            shaper);
    messengers.add(messenger);
    return messenger;
  }

  private static OutboundMessage message(String to) {
    return new OutboundMessage(
        EmailComposerTest.request(MessageClass.MARKETING, to, null),
        new RenderedContent("Hi", null, "Hello", List.of(), "https://t.test/u"),
        1);
  }
}
