package dev.heron.jobs.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heron.events.EventType;
import dev.heron.events.IpScore;
import dev.heron.jobs.TestEvents;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReputationRulesTest {
  private final TestEvents events = new TestEvents();
  private final Instant at = Instant.parse("2026-03-04T10:17:00Z");
  private final ReputationRules.Prior prior = ReputationRules.Prior.standard();

  @Test
  void onlyOutcomesFromAKnownIpBearOnReputation() {
    UUID m = UUID.randomUUID();
    assertThat(ReputationRules.keyOf(events.event(EventType.DELIVERED, m, at)))
        .contains("127.0.0.2|gmail");
    assertThat(ReputationRules.keyOf(events.of(EventType.COMPLAINED, m, at).provider(null).build()))
        .contains("127.0.0.2|other");
    assertThat(ReputationRules.keyOf(events.event(EventType.OPENED, m, at))).isEmpty();
    assertThat(ReputationRules.keyOf(events.event(EventType.SENT, m, at))).isEmpty();
    assertThat(ReputationRules.keyOf(events.of(EventType.BOUNCED, m, at).sendingIp(null).build()))
        .isEmpty();
  }

  @Test
  void aFreshIpWithoutTrafficHasThePriorScore() {
    IpScore score = ReputationRules.score("127.0.0.2|gmail", at, new long[4], prior);

    assertThat(score.volume()).isZero();
    assertThat(score.score()).isCloseTo(0.95 - 10 * 0.02 - 100 * 0.0005, within(1e-9));
    assertThat(score.ip()).isEqualTo("127.0.0.2");
    assertThat(score.provider()).isEqualTo("gmail");
  }

  @Test
  void oneBounceOnAFreshIpMovesTheScoreOnlyALittle() {
    IpScore fresh = ReputationRules.score("ip|p", at, new long[4], prior);
    IpScore oneBounce = ReputationRules.score("ip|p", at, tally(0, 1, 0, 0), prior);

    assertThat(oneBounce.score()).isLessThan(fresh.score()).isGreaterThan(fresh.score() - 0.5);
  }

  @Test
  void atVolumeTheObservedRatesDecide() {
    IpScore clean = ReputationRules.score("ip|p", at, tally(9_990, 10, 0, 0), prior);
    IpScore blocked = ReputationRules.score("ip|p", at, tally(5_000, 5_000, 0, 0), prior);
    IpScore complained = ReputationRules.score("ip|p", at, tally(10_000, 0, 0, 50), prior);

    assertThat(clean.deliveryRate()).isCloseTo(0.999, within(0.001));
    assertThat(clean.score()).isCloseTo(0.999 - 0.01, within(0.005));
    assertThat(blocked.bounceRate()).isCloseTo(0.5, within(0.003));
    assertThat(blocked.score()).isLessThan(-4);
    assertThat(complained.complaintRate()).isCloseTo(0.005, within(0.0001));
    assertThat(complained.score()).isLessThan(clean.score() - 0.4);
    assertThat(blocked.volume()).isEqualTo(10_000);
  }

  @Test
  void theWindowIsTheTwentyFourHoursEndingWithTheNewestHour() {
    long now = at.toEpochMilli();
    long thisHour = ReputationRules.hourOf(now);
    long hour = ReputationRules.HOUR_MILLIS;

    assertThat(ReputationRules.inWindow(thisHour, now)).isTrue();
    assertThat(ReputationRules.inWindow(thisHour - 23 * hour, now)).isTrue();
    assertThat(ReputationRules.inWindow(thisHour - 24 * hour, now)).isFalse();
    assertThat(
            ReputationRules.windowTotals(
                Map.of(thisHour, tally(1, 0, 0, 0), thisHour - 24 * hour, tally(5, 5, 5, 5))
                    .entrySet(),
                now))
        .containsExactly(1, 0, 0, 0);
  }

  static long[] tally(long delivered, long bounced, long deferred, long complained) {
    return new long[] {delivered, bounced, deferred, complained};
  }
}
