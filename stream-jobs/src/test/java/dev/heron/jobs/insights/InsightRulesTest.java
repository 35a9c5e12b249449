package dev.heron.jobs.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.BounceClass;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.TestEvents;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InsightRulesTest {
  private final TestEvents events = new TestEvents();
  private final UUID message = UUID.randomUUID();
  private final Instant at = Instant.parse("2026-03-04T10:17:23Z");

  @Test
  void bucketIsTheUtcHourAndTheDimensionsOfTheEvent() {
    BucketKey key = InsightRules.bucketOf(events.event(EventType.SENT, message, at)).orElseThrow();

    assertThat(key)
        .isEqualTo(
            new BucketKey(
                Instant.parse("2026-03-04T10:00:00Z").toEpochMilli(),
                events.tenant.toString(),
                events.campaign.toString(),
                "email",
                "gmail",
                "news.example.test",
                "A"));
  }

  @Test
  void missingDimensionsBecomeEmptyAndEventsWithoutCampaignHaveNoBucket() {
    Event bare =
        events
            .of(EventType.SENT, message, at)
            .provider(null)
            .variant(null)
            .senderIdentity(null)
            .build();
    BucketKey key = InsightRules.bucketOf(bare).orElseThrow();
    assertThat(key.provider()).isEmpty();
    assertThat(key.variant()).isEmpty();
    assertThat(key.senderIdentity()).isEmpty();

    assertThat(
            InsightRules.bucketOf(events.of(EventType.SENT, message, at).campaignId(null).build()))
        .isEmpty();
  }

  @Test
  void eventsBeforeTheEpochFallInTheirOwnHour() {
    Instant early = Instant.parse("1969-12-31T23:30:00Z");
    assertThat(InsightRules.bucketOf(events.event(EventType.SENT, message, early)).orElseThrow())
        .extracting(BucketKey::hourStart)
        .isEqualTo(Instant.parse("1969-12-31T23:00:00Z"));
  }

  @Test
  void eachTypeCountsInItsOwnCounter() {
    Map<EventType, Counter> expected = new EnumMap<>(EventType.class);
    expected.put(EventType.SENT, Counter.SENT);
    expected.put(EventType.DELIVERED, Counter.DELIVERED);
    expected.put(EventType.DEFERRED, Counter.DEFERRED);
    expected.put(EventType.FAILED, Counter.FAILED);
    expected.put(EventType.DROPPED, Counter.DROPPED);
    expected.put(EventType.OPENED, Counter.OPENS_TOTAL);
    expected.put(EventType.CLICKED, Counter.CLICKS_TOTAL);
    expected.put(EventType.REPLIED, Counter.REPLIES);
    expected.put(EventType.UNSUBSCRIBED, Counter.UNSUBSCRIBES);
    expected.put(EventType.COMPLAINED, Counter.COMPLAINTS);
    expected.put(EventType.CONVERTED, Counter.CONVERSIONS);

    expected.forEach(
        (type, counter) ->
            assertThat(nonZero(InsightRules.counts(events.event(type, message, at))))
                .as(type.name())
                .containsExactly(Map.entry(counter, 1L)));
  }

  @Test
  void bouncesCountByTheirClass() {
    assertThat(nonZero(InsightRules.counts(bounce(BounceClass.HARD))))
        .containsExactly(Map.entry(Counter.BOUNCED_HARD, 1L));
    assertThat(nonZero(InsightRules.counts(bounce(BounceClass.SOFT))))
        .containsExactly(Map.entry(Counter.BOUNCED_SOFT, 1L));
    assertThat(nonZero(InsightRules.counts(bounce(BounceClass.BLOCK))))
        .containsExactly(Map.entry(Counter.BLOCKED, 1L));
  }

  @Test
  void machineOpensCountOnlyAsMachineOpens() {
    Event machine = events.of(EventType.OPENED, message, at).machineOpen(true).build();

    assertThat(nonZero(InsightRules.counts(machine)))
        .containsExactly(Map.entry(Counter.OPENS_MACHINE, 1L));
    InsightRules.Outcome outcome = InsightRules.apply(machine, key(at), null, null);
    assertThat(outcome.firstOpen()).isNull();
    assertThat(nonZero(outcome.deltas().get(0).counts()))
        .containsExactly(Map.entry(Counter.OPENS_MACHINE, 1L));
  }

  @Test
  void conversionsAddTheirValueInCents() {
    Event converted =
        events.of(EventType.CONVERTED, message, at).value(new BigDecimal("19.995")).build();

    assertThat(nonZero(InsightRules.counts(converted)))
        .containsExactly(
            Map.entry(Counter.CONVERSIONS, 1L), Map.entry(Counter.CONVERSION_VALUE_CENTS, 2000L));
    assertThat(InsightRules.cents(null)).isZero();
  }

  @Test
  void theFirstHumanOpenOfAMessageIsUniqueAndLaterOnesAreNot() {
    Event first = events.event(EventType.OPENED, message, at);
    InsightRules.Outcome one = InsightRules.apply(first, key(at), null, null);

    assertThat(one.deltas()).hasSize(1);
    assertThat(nonZero(one.deltas().get(0).counts()))
        .containsOnly(Map.entry(Counter.OPENS_TOTAL, 1L), Map.entry(Counter.OPENS_UNIQUE, 1L));
    assertThat(one.firstOpen()).isEqualTo(new FirstTouch(at.toEpochMilli(), key(at)));

    Instant later = at.plusSeconds(7200);
    InsightRules.Outcome two =
        InsightRules.apply(
            events.event(EventType.OPENED, message, later), key(later), one.firstOpen(), null);
    assertThat(two.deltas()).hasSize(1);
    assertThat(nonZero(two.deltas().get(0).counts()))
        .containsOnly(Map.entry(Counter.OPENS_TOTAL, 1L));
    assertThat(two.firstOpen()).isEqualTo(one.firstOpen());
  }

  @Test
  void anEarlierOpenArrivingLateMovesTheUniqueOpenToItsBucket() {
    Instant later = at.plusSeconds(7200);
    FirstTouch recorded = new FirstTouch(later.toEpochMilli(), key(later));

    InsightRules.Outcome outcome =
        InsightRules.apply(events.event(EventType.OPENED, message, at), key(at), recorded, null);

    assertThat(outcome.deltas())
        .extracting(BucketDelta::key, d -> nonZero(d.counts()))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                key(at), Map.of(Counter.OPENS_TOTAL, 1L, Counter.OPENS_UNIQUE, 1L)),
            org.assertj.core.groups.Tuple.tuple(key(later), Map.of(Counter.OPENS_UNIQUE, -1L)));
    assertThat(outcome.firstOpen()).isEqualTo(new FirstTouch(at.toEpochMilli(), key(at)));
  }

  @Test
  void anEarlierOpenInTheSameBucketChangesNoUniqueCount() {
    FirstTouch recorded = new FirstTouch(at.plusSeconds(60).toEpochMilli(), key(at));

    InsightRules.Outcome outcome =
        InsightRules.apply(events.event(EventType.OPENED, message, at), key(at), recorded, null);

    assertThat(outcome.deltas()).hasSize(1);
    assertThat(nonZero(outcome.deltas().get(0).counts()))
        .containsOnly(Map.entry(Counter.OPENS_TOTAL, 1L));
    assertThat(outcome.firstOpen().occurredAtMillis()).isEqualTo(at.toEpochMilli());
  }

  @Test
  void theFirstClickIsUniqueIndependentlyOfOpens() {
    FirstTouch opened = new FirstTouch(at.toEpochMilli(), key(at));
    InsightRules.Outcome outcome =
        InsightRules.apply(events.event(EventType.CLICKED, message, at), key(at), opened, null);

    assertThat(nonZero(outcome.deltas().get(0).counts()))
        .containsOnly(Map.entry(Counter.CLICKS_TOTAL, 1L), Map.entry(Counter.CLICKS_UNIQUE, 1L));
    assertThat(outcome.firstOpen()).isEqualTo(opened);
    assertThat(outcome.firstClick()).isEqualTo(new FirstTouch(at.toEpochMilli(), key(at)));
  }

  private Event bounce(BounceClass bounceClass) {
    return events.of(EventType.BOUNCED, message, at).bounceClass(bounceClass).build();
  }

  private BucketKey key(Instant when) {
    return InsightRules.bucketOf(events.event(EventType.SENT, message, when)).orElseThrow();
  }

  static Map<Counter, Long> nonZero(long[] counts) {
    Map<Counter, Long> result = new EnumMap<>(Counter.class);
    for (Counter c : Counter.values()) {
      if (counts[c.ordinal()] != 0) {
        result.put(c, counts[c.ordinal()]);
      }
    }
    return result;
  }
}
