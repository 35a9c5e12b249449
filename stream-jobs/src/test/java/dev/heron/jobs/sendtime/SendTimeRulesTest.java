package dev.heron.jobs.sendtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SendTimeRulesTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();
  // A Tuesday.
  private final Instant tuesdayNine = Instant.parse("2026-03-03T14:00:00Z"); // 09:00 in New York

  @Test
  void hoursOfTheWeekStartMondayMidnightInTheContactsZone() {
    assertThat(SendTimeRules.hourOfWeek(Instant.parse("2026-03-02T00:00:00Z"), ZoneOffset.UTC))
        .isZero();
    assertThat(SendTimeRules.hourOfWeek(Instant.parse("2026-03-08T23:59:00Z"), ZoneOffset.UTC))
        .isEqualTo(167);
    assertThat(SendTimeRules.hourOfWeek(tuesdayNine, NEW_YORK)).isEqualTo(24 + 9);
    assertThat(SendTimeRules.hourOfWeek(tuesdayNine, ZoneOffset.UTC)).isEqualTo(24 + 14);
  }

  @Test
  void aFirstReadingOfAMessageIsAddedAndARepeatIsOnlyObserved() {
    Reading open = new Reading(33, 20, 13 * HOUR);
    ContactReadings afterOpen =
        SendTimeRules.afterReading(null, new ContactReading("t", "c", open, true));
    ContactReadings afterClick =
        SendTimeRules.afterReading(
            afterOpen, new ContactReading("t", "c", new Reading(34, 20, 14 * HOUR), false));

    assertThat(afterOpen.readings()).containsExactly(open);
    assertThat(afterOpen.observations()).isEqualTo(1);
    assertThat(afterClick.readings()).containsExactly(open);
    assertThat(afterClick.asOfMillis()).isEqualTo(13 * HOUR);
    assertThat(afterClick.observations()).isEqualTo(2);
  }

  @Test
  void observationsAgeByHalfEveryHalfLifeAndLateOnesCountForLess() {
    long t0 = tuesdayNine.toEpochMilli();
    long later = t0 + SendTimeRules.HALF_LIFE.toMillis();
    DecayedHistogram h = SendTimeRules.observe(null, 33, t0);
    h = SendTimeRules.observe(h, 40, later);

    assertThat(h.weights()[33]).isCloseTo(0.5, within(1e-9));
    assertThat(h.weights()[40]).isCloseTo(1.0, within(1e-9));
    assertThat(h.asOfMillis()).isEqualTo(later);

    DecayedHistogram late = SendTimeRules.observe(h, 50, t0);
    assertThat(late.weights()[50]).isCloseTo(0.5, within(1e-9));
    assertThat(late.asOfMillis()).isEqualTo(later);
    assertThat(late.observations()).isEqualTo(3);
  }

  @Test
  void aReadingKeepsItsDeliveryOnlyWithinTheReadHorizon() {
    Delivery monday = new Delivery(0, 10, false);

    assertThat(SendTimeRules.reading(12, 2 * HOUR, monday).deliveredHourOfWeek()).isEqualTo(10);
    assertThat(SendTimeRules.reading(12, 7 * DAY, monday).delivered()).isFalse();
    assertThat(SendTimeRules.reading(12, 2 * HOUR, null).delivered()).isFalse();
    // an open stamped before its delivery (clocks disagree) cannot be read against it
    assertThat(SendTimeRules.reading(9, -HOUR, monday).delivered()).isFalse();
  }

  @Test
  void onlyTheNewestReadingsAreKept() {
    ContactReadings r = null;
    for (int i = 0; i < SendTimeRules.MAX_READINGS + 10; i++) {
      r = SendTimeRules.add(r, new Reading(i % 168, Reading.NOT_DELIVERED, i * HOUR));
    }

    assertThat(r.readings()).hasSize(SendTimeRules.MAX_READINGS);
    assertThat(r.readings()[0].atMillis()).isEqualTo(10 * HOUR);
    assertThat(r.asOfMillis()).isEqualTo((SendTimeRules.MAX_READINGS + 9) * HOUR);
  }

  @Test
  void aSmallerCapKeepsTheNewestInOrderAndTrimsALongerHistory() {
    ContactReadings r = null;
    for (int i = 0; i < 100; i++) {
      r = SendTimeRules.add(r, new Reading(i % 168, Reading.NOT_DELIVERED, i * HOUR));
    }
    ContactReadings capped =
        SendTimeRules.add(r, new Reading(0, Reading.NOT_DELIVERED, 100 * HOUR), 64);

    assertThat(capped.readings()).hasSize(64);
    assertThat(capped.readings()[0].atMillis()).isEqualTo(37 * HOUR);
    assertThat(capped.readings()[62].atMillis()).isEqualTo(99 * HOUR);
    assertThat(capped.readings()[63].atMillis()).isEqualTo(100 * HOUR);
    assertThat(capped.observations()).isEqualTo(101);
  }

  @Test
  void fewReadingsLeanOnThePopulationAndManyOnTheContact() {
    DecayedHistogram population = null;
    for (int i = 0; i < 1_000; i++) {
      population = SendTimeRules.observe(population, 10, 0);
    }
    double[] prior = SendTimeRules.priorShape(population, ReadingShape.DEFAULT);

    ContactReadings one = SendTimeRules.add(null, new Reading(100, Reading.NOT_DELIVERED, 0));
    assertThat(
            SendTimeRules.bestHours(SendTimeRules.posterior(one, prior, ReadingShape.DEFAULT))[0])
        .isEqualTo(10);

    ContactReadings many = null;
    for (int i = 0; i < 20; i++) {
      many = SendTimeRules.add(many, new Reading(100, Reading.NOT_DELIVERED, i * DAY));
    }
    double[] posterior = SendTimeRules.posterior(many, prior, ReadingShape.DEFAULT);
    int[] best = SendTimeRules.bestHours(posterior);
    assertThat(best[0]).isEqualTo(100);
    assertThat(best[1]).isIn(99, 101);
    double[] fromOne = SendTimeRules.posterior(one, prior, ReadingShape.DEFAULT);
    assertThat(SendTimeRules.confidence(posterior, best))
        .isGreaterThan(SendTimeRules.confidence(fromOne, SendTimeRules.bestHours(fromOne)))
        .isBetween(0.0, 1.0);
  }

  @Test
  void anOpenThatWaitedForItsHourSaysMoreThanOneRightAfterDelivery() {
    // Every week: a message delivered Tuesday 20:05 is read at 20:10, and one delivered Tuesday
    // 22:00 is read on Wednesday at 09:00. Raw counts tie 20:00 and 09:00; the first was opened
    // as it arrived (anyone may be reading then), while the second was left unread through the
    // evening and the night until 09:00.
    ContactReadings r = null;
    for (int week = 0; week < 6; week++) {
      long monday = week * 7 * DAY;
      r = SendTimeRules.add(r, new Reading(24 + 20, 24 + 20, monday + DAY + 20 * HOUR));
      r = SendTimeRules.add(r, new Reading(48 + 9, 24 + 22, monday + 2 * DAY + 9 * HOUR));
    }

    int[] best =
        SendTimeRules.bestHours(SendTimeRules.posterior(r, uniform(), ReadingShape.DEFAULT));

    assertThat(best[0]).isEqualTo(48 + 9);
  }

  @Test
  void theHourOfDayIsSharedAcrossDays() {
    // Opens at 08:00 on five different days, each a day after its delivery at 08:00.
    ContactReadings r = null;
    for (int day = 0; day < 5; day++) {
      int hour = day * 24 + 8;
      r = SendTimeRules.add(r, new Reading(hour, Math.floorMod(hour - 24, 168), day * DAY));
    }
    int[] best =
        SendTimeRules.bestHours(SendTimeRules.posterior(r, uniform(), ReadingShape.DEFAULT));

    assertThat(Arrays.stream(best).map(h -> h % 24)).containsOnly(8);
  }

  @Test
  void thePosteriorIsADistributionOverPeakHours() {
    ContactReadings r = SendTimeRules.add(null, new Reading(40, 30, 0));
    r = SendTimeRules.add(r, new Reading(41, Reading.NOT_DELIVERED, HOUR));
    double[] p = SendTimeRules.posterior(r, uniform(), ReadingShape.DEFAULT);

    assertThat(p).hasSize(168);
    assertThat(Arrays.stream(p).sum()).isCloseTo(1, within(1e-9));
    assertThat(Arrays.stream(p).min().orElseThrow()).isGreaterThan(0);
  }

  @Test
  void theHabitPeaksAtItsHourAndTheSameHourOfOtherDaysCountsAsTheShapeSays() {
    ReadingShape shape = new ReadingShape(3, 0.25, 1.5, 0.02, 0.1, 24);
    double[] habit = ShapeTables.of(shape).habit;
    assertThat(habit[0]).isEqualTo(1);
    assertThat(habit[1]).isEqualTo(habit[167]).isLessThan(1);
    assertThat(habit[3]).isCloseTo(Math.exp(-0.5), within(1e-12));
    assertThat(habit[24]).isCloseTo(0.25, within(1e-12));
    assertThat(habit[25]).isCloseTo(0.25 * Math.exp(-1 / (2 * 1.5 * 1.5)), within(1e-12));
    assertThat(habit[12]).isEqualTo(0.02);
  }

  @Test
  void givenItWasOpenedAReadingsHourIsADistribution() {
    ShapeTables tables = ShapeTables.of(new ReadingShape(2.5, 0.5, 2, 0.05, 0.2, 12));
    int delivered = 30;
    for (int peak : new int[] {0, 31, 100}) {
      double total = 0;
      for (int hour = 0; hour < 168; hour++) {
        total += tables.openedLikelihood(new Reading(hour, delivered, 0), peak);
      }
      assertThat(total).isCloseTo(1, within(1e-9));
    }
  }

  @Test
  void smoothingSpreadsAnOpenOverItsNeighboursAndTheSameHourOfOtherDaysKeepingItsWeight() {
    double[] weights = new double[168];
    weights[33] = 2; // Tuesday 09:00
    double[] smoothed = SendTimeRules.smooth(weights, ReadingShape.DEFAULT);

    assertThat(Arrays.stream(smoothed).sum()).isCloseTo(2, within(1e-9));
    assertThat(smoothed[33]).isGreaterThan(smoothed[32]).isGreaterThan(smoothed[57]);
    assertThat(smoothed[32]).isCloseTo(smoothed[34], within(1e-12));
    assertThat(smoothed[57]).isGreaterThan(smoothed[45]); // Wednesday 09:00 over Tuesday 21:00
    assertThat(smoothed[45]).isCloseTo(0, within(1e-3));
  }

  @Test
  void withoutAnyPopulationThePriorIsUniform() {
    double[] shape = SendTimeRules.priorShape(null, ReadingShape.DEFAULT);
    assertThat(shape).hasSize(168);
    assertThat(shape[0]).isCloseTo(1.0 / 168, within(1e-12));
  }

  private static double[] uniform() {
    return SendTimeRules.priorShape(null, ReadingShape.DEFAULT);
  }
}
