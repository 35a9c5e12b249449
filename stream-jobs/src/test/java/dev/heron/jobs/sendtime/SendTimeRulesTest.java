package dev.heron.jobs.sendtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SendTimeRulesTest {
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
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
  void fewObservationsLeanOnThePopulationAndManyOnTheContact() {
    DecayedHistogram population = null;
    for (int i = 0; i < 1_000; i++) {
      population = SendTimeRules.observe(population, 10, 0);
    }
    double[] prior = SendTimeRules.priorShape(population);

    DecayedHistogram one = SendTimeRules.observe(null, 100, 0);
    assertThat(SendTimeRules.bestHours(SendTimeRules.posterior(one, prior))[0]).isEqualTo(10);

    DecayedHistogram many = null;
    for (int i = 0; i < 20; i++) {
      many = SendTimeRules.observe(many, 100, 0);
    }
    double[] posterior = SendTimeRules.posterior(many, prior);
    int[] best = SendTimeRules.bestHours(posterior);
    assertThat(best[0]).isEqualTo(100);
    assertThat(best[1]).isIn(99, 101);
    assertThat(SendTimeRules.confidence(many, posterior, best))
        .isGreaterThan(SendTimeRules.confidence(one, SendTimeRules.posterior(one, prior), best))
        .isBetween(0.0, 1.0);
  }

  @Test
  void smoothingSpreadsAnOpenOverItsNeighboursAndTheSameHourOfOtherDaysKeepingItsWeight() {
    double[] weights = new double[168];
    weights[33] = 2; // Tuesday 09:00
    double[] smoothed = SendTimeRules.smooth(weights);

    assertThat(java.util.Arrays.stream(smoothed).sum()).isCloseTo(2, within(1e-9));
    assertThat(smoothed[33]).isGreaterThan(smoothed[32]).isGreaterThan(smoothed[57]);
    assertThat(smoothed[32]).isCloseTo(smoothed[34], within(1e-12));
    assertThat(smoothed[57]).isGreaterThan(smoothed[45]); // Wednesday 09:00 over Tuesday 21:00
    assertThat(smoothed[45]).isCloseTo(0, within(1e-3));
  }

  @Test
  void withoutAnyPopulationThePriorIsUniform() {
    double[] shape = SendTimeRules.priorShape(null);
    assertThat(shape).hasSize(168);
    assertThat(shape[0]).isCloseTo(1.0 / 168, within(1e-12));
  }
}
