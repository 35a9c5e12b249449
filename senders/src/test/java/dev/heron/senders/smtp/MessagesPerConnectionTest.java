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
import dev.heron.senders.world.TestDns;
import dev.heron.senders.world.TestSmtp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * A connection carries as many messages as the provider's shaping limit allows, then another is
 * opened: over real SMTP sockets, counting the connections the server saw.
 */
class MessagesPerConnectionTest {
  private static final String RULES =
      """
      {"limits": [
        {"provider": "gmail", "perSecond": 1000, "burst": 1000, "messagesPerConnection": 3},
        {"provider": "*", "perSecond": 1000, "burst": 1000}
      ]}
      """;

  @Test
  void theShapingLimitSaysHowManyMessagesAConnectionCarries() throws Exception {
    TrafficShaper shaper =
        new TrafficShaper(
            ShapingRules.parse(RULES.getBytes(StandardCharsets.UTF_8)), Clock.systemUTC());
    assertThat(shaper.messagesPerConnection("gmail")).isEqualTo(3);
    assertThat(shaper.messagesPerConnection("yahoo"))
        .as("not given")
        .isEqualTo(ShapingRules.DEFAULT_MESSAGES_PER_CONNECTION);
    try (TestDns dns =
            new TestDns()
                .mx("gmail.test", 10, "gmail-smtp-in.l.google.com", 300)
                .a("gmail-smtp-in.l.google.com", "127.0.0.1", 300);
        TestSmtp smtp = new TestSmtp()) {
      SmtpMessenger messenger =
          new SmtpMessenger(
              new MxResolver(MxResolver.resolverFor(dns.hostPort()), ProviderRules.standard()),
              new RoundRobinIpSelector(
                  List::of, RoundRobinIpSelector.parseList("127.0.0.6"), Clock.systemUTC()),
              new EmailComposer(),
              new SmtpConnections(SmtpConnections.Options.forPort(smtp.port())),
              new ReplyClassifier(),
              DkimKeys.NONE,
              shaper);
      try {
        List<CompletableFuture<DeliveryAttempt>> attempts = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
          attempts.add(messenger.push(message("m" + i + "@gmail.test")));
        }
        for (CompletableFuture<DeliveryAttempt> a : attempts) {
          DeliveryAttempt attempt = a.get(30, TimeUnit.SECONDS);
          assertThat(attempt.verdict().type()).as(attempt.reason()).isEqualTo(EventType.DELIVERED);
        }
      } finally {
        messenger.close();
      }
      assertThat(smtp.received()).hasSize(7);
      assertThat(smtp.connections()).as("3 + 3 + 1 messages").isEqualTo(3);
    }
  }

  private static OutboundMessage message(String to) {
    return new OutboundMessage(
        EmailComposerTest.request(MessageClass.MARKETING, to, null),
        new RenderedContent("Hi", null, "Hello", List.of(), "https://t.test/u"),
        1);
  }

  @Test
  void aLimitBelowOneIsRefusedWithItsField() {
    Assertions.assertThatThrownBy(
            () ->
                ShapingRules.parse(
                    """
                    {"limits": [{"provider": "*", "perSecond": 1, "messagesPerConnection": 0}]}
                    """
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("limits[0].messagesPerConnection");
  }
}
