package dev.heron.senders.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.events.IpScore;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.events.WarmupState;
import dev.heron.senders.shaping.ShapingRules;
import dev.heron.senders.shaping.TrafficShaper;
import dev.heron.senders.smtp.EmailComposerTest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScoredIpSelectorTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
  private final ReputationBook book = new ReputationBook();
  private final Map<String, Long> taken = new HashMap<>();
  private final WarmupLedger ledger =
      (ip, day, cap) -> {
        assertThat(day).isEqualTo(LocalDate.of(2026, 11, 23));
        long used = taken.merge(ip, 1L, Long::sum);
        return used <= cap;
      };
  private final Map<MessageClass, List<SendingIp>> pools = new HashMap<>();
  private final TrafficShaper shaper = new TrafficShaper(ShapingRules.standard(), CLOCK);
  private final ScoredIpSelector selector =
      new ScoredIpSelector(
          (request, messageClass) -> pools.getOrDefault(messageClass, List.of()),
          new RoundRobinIpSelector(
              List::of, RoundRobinIpSelector.parseList("127.0.0.2,127.0.0.3,127.0.0.4"), CLOCK),
          book,
          ledger,
          shaper,
          CLOCK);
  private final SendRequest marketing =
      EmailComposerTest.request(MessageClass.MARKETING, "a@gmail.test", null);

  private void score(String ip, String provider, double score) {
    book.put(new IpScore(ip, provider, Instant.now(), 1000, 0.99, 0, 0, 0, score));
  }

  private void warmup(String ip, long cap, boolean paused) {
    book.put(
        new WarmupState(
            ip,
            LocalDate.of(2026, 11, 23),
            3,
            cap,
            0,
            paused,
            paused ? "bounces" : null,
            Instant.now()));
  }

  private Set<String> picks(SendRequest request, String provider, int n) {
    Set<String> seen = new HashSet<>();
    IntStream.range(0, n).forEach(i -> seen.add(selector.select(request, provider, null).ip()));
    return seen;
  }

  @Test
  void picksTheBestScoreForTheProviderAndSpreadsOverNearEqualOnes() {
    score("127.0.0.2", "gmail", 0.95);
    score("127.0.0.3", "gmail", 0.96);
    score("127.0.0.4", "gmail", 0.40);
    score("127.0.0.4", "outlook", 0.99);
    score("127.0.0.2", "outlook", 0.10);
    score("127.0.0.3", "outlook", 0.10);

    assertThat(picks(marketing, "gmail", 60)).containsExactlyInAnyOrder("127.0.0.2", "127.0.0.3");
    assertThat(picks(marketing, "outlook", 20)).containsExactly("127.0.0.4");
  }

  @Test
  void anUnscoredIpIsUsedRatherThanABadOne() {
    score("127.0.0.2", "yahoo", 0.2);
    score("127.0.0.3", "yahoo", 0.3);

    assertThat(picks(marketing, "yahoo", 20)).containsExactly("127.0.0.4");
  }

  @Test
  void skipsPausedIpsAndIpsAtTheirCap() {
    warmup("127.0.0.2", 50, true);
    warmup("127.0.0.3", 2, false);
    score("127.0.0.3", "gmail", 1.0);
    score("127.0.0.4", "gmail", 0.5);

    List<String> order =
        IntStream.range(0, 5)
            .mapToObj(i -> selector.select(marketing, "gmail", null).ip())
            .toList();

    assertThat(order)
        .containsExactly("127.0.0.3", "127.0.0.3", "127.0.0.4", "127.0.0.4", "127.0.0.4");
    assertThat(taken).doesNotContainKey("127.0.0.4"); // no warmup: nothing to count
  }

  @Test
  void whenEveryIpIsPausedOrCappedNothingMaySend() {
    warmup("127.0.0.2", 50, true);
    warmup("127.0.0.3", 0, false);
    warmup("127.0.0.4", 1, false);
    selector.select(marketing, "gmail", null);

    assertThatThrownBy(() -> selector.select(marketing, "gmail", null))
        .isInstanceOf(NoSendingIpException.class)
        .hasMessageContaining("127.0.0.2");
  }

  @Test
  void marketingAndTransactionalUseTheirOwnPools() {
    pools.put(MessageClass.MARKETING, List.of(new SendingIp("127.0.0.5", null)));
    pools.put(MessageClass.TRANSACTIONAL, List.of(new SendingIp("127.0.0.6", "tx.heron.test")));
    SendRequest transactional =
        EmailComposerTest.request(MessageClass.TRANSACTIONAL, "a@gmail.test", null);

    assertThat(picks(marketing, "gmail", 5)).containsExactly("127.0.0.5");
    assertThat(selector.select(transactional, "gmail", null))
        .isEqualTo(new SendingIp("127.0.0.6", "tx.heron.test"));
  }

  @Test
  void skipsAnIpTheProviderSuspendedUntilTheSuspensionLifts() {
    score("127.0.0.2", "yahoo", 1.0);
    shaper.observe(
        "127.0.0.2", "yahoo", "421 4.7.0 [TSS04] Messages from 127.0.0.2 temporarily deferred");

    assertThat(picks(marketing, "yahoo", 20)).doesNotContain("127.0.0.2");
    assertThat(picks(marketing, "gmail", 30)).contains("127.0.0.2");
    assertThat(selector.select(marketing, "yahoo", "127.0.0.2").ip()).isNotEqualTo("127.0.0.2");
  }

  @Test
  void aRetryKeepsItsIpUnlessItWasPaused() {
    score("127.0.0.2", "gmail", 0.1);

    assertThat(selector.select(marketing, "gmail", "127.0.0.2").ip()).isEqualTo("127.0.0.2");
    warmup("127.0.0.2", 100, true);
    assertThat(selector.select(marketing, "gmail", "127.0.0.2").ip()).isNotEqualTo("127.0.0.2");
  }
}
