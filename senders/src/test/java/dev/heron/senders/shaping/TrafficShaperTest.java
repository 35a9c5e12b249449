package dev.heron.senders.shaping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrafficShaperTest {
  private final MutableClock clock = new MutableClock();
  private final ShapingRules rules =
      ShapingRules.parse(
          """
          {"limits": [{"provider": "yahoo", "perSecond": 10, "burst": 2},
                      {"provider": "*", "perSecond": 100, "burst": 100}],
           "rules": [{"provider": "yahoo", "pattern": "TSS04", "action": "suspend", "duration": "PT30M"},
                     {"provider": "gmail", "pattern": "4\\\\.7\\\\.28", "action": "throttle",
                      "factor": 0.5, "duration": "PT15M"}]}
          """
              .getBytes(StandardCharsets.UTF_8));
  private final TrafficShaper shaper = new TrafficShaper(rules, clock);

  private List<Long> waits(String provider, int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> shaper.reserve("127.0.0.2", provider).toMillis())
        .toList();
  }

  @Test
  void pacesAnIpAtTheProvidersRateAfterItsBurst() {
    assertThat(waits("yahoo", 4)).containsExactly(0L, 0L, 100L, 200L);
    clock.advance(Duration.ofSeconds(1));
    assertThat(waits("yahoo", 2)).containsExactly(0L, 0L);
    assertThat(shaper.reserve("127.0.0.3", "yahoo")).isZero(); // another IP has its own bucket
  }

  @Test
  void aMatchingReplySuspendsTheIpAtThatProviderOnlyAndTheSuspensionLifts() {
    shaper.observe("127.0.0.2", "yahoo", "421 4.7.0 [TSS04] Messages from 127.0.0.2 deferred");

    assertThat(shaper.suspension("127.0.0.2", "yahoo"))
        .hasValueSatisfying(reason -> assertThat(reason).contains("TSS04"));
    assertThat(shaper.suspension("127.0.0.2", "gmail")).isEmpty();
    assertThat(shaper.suspension("127.0.0.3", "yahoo")).isEmpty();

    clock.advance(Duration.ofMinutes(31));
    assertThat(shaper.suspension("127.0.0.2", "yahoo")).isEmpty();
  }

  @Test
  void aThrottleHalvesTheRateForItsDuration() {
    waits("gmail", 100); // the burst is spent
    clock.advance(Duration.ofSeconds(1)); // 100 tokens back
    shaper.observe("127.0.0.2", "gmail", "421 4.7.28 [127.0.0.2] unusual rate of unsolicited mail");
    clock.advance(Duration.ofSeconds(1)); // at the throttled rate: 50 more, capped at the burst

    List<Long> throttled = waits("gmail", 101);
    assertThat(throttled.get(99)).isZero();
    assertThat(throttled.get(100)).isEqualTo(20L); // 1 / (100 × 0.5) s

    clock.advance(Duration.ofMinutes(16));
    waits("gmail", 100);
    assertThat(shaper.reserve("127.0.0.2", "gmail").toMillis()).isEqualTo(10L);
  }

  @Test
  void repliesNoRuleMatchesChangeNothing() {
    shaper.observe("127.0.0.2", "yahoo", "250 ok dirdel");
    assertThat(shaper.suspension("127.0.0.2", "yahoo")).isEmpty();
  }

  @Test
  void theShippedRulesCoverTheBigProviders() {
    ShapingRules shipped = ShapingRules.standard();

    assertThat(
            shipped.ruleFor(
                "yahoo", "421 4.7.0 [TSS04] Messages from 127.0.0.6 temporarily deferred"))
        .hasValueSatisfying(r -> assertThat(r.action()).isEqualTo(ShapingRules.Action.SUSPEND));
    assertThat(
            shipped.ruleFor(
                "gmail", "421 4.7.28 [127.0.0.7] Our system has detected an unusual rate"))
        .hasValueSatisfying(r -> assertThat(r.action()).isEqualTo(ShapingRules.Action.THROTTLE));
    assertThat(
            shipped.ruleFor(
                "outlook",
                "550 5.7.1 Service unavailable, Client host [127.0.0.5] blocked using Spamhaus"))
        .hasValueSatisfying(r -> assertThat(r.action()).isEqualTo(ShapingRules.Action.SUSPEND));
    assertThat(shipped.limitFor("example"))
        .hasValueSatisfying(l -> assertThat(l.provider()).isEqualTo("*"));
  }

  @Test
  void aMalformedFileIsRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                ShapingRules.parse(
                    "{\"rules\": [{\"provider\": \"x\", \"pattern\": \"(\", \"action\": \"suspend\", \"duration\": \"PT1M\"}]}"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("rules[0].pattern");
    assertThatThrownBy(
            () ->
                ShapingRules.parse(
                    "{\"rules\": [{\"provider\": \"x\", \"pattern\": \"a\", \"action\": \"slow\", \"duration\": \"PT1M\"}]}"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("rules[0].action");
    assertThatThrownBy(
            () ->
                ShapingRules.parse(
                    "{\"limits\": [{\"provider\": \"x\", \"perSecond\": 0}]}"
                        .getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("limits[0].perSecond");
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-23T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
