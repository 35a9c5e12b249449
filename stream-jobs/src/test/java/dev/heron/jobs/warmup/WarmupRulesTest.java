package dev.heron.jobs.warmup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.events.WarmupState;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupRulesTest {
  private final WarmupRules.Thresholds limits = WarmupRules.Thresholds.standard();

  @Test
  void theStandardScheduleGivesDesignsCapForEachDay() {
    long[] expected = {
      0, 50, 50, 100, 100, 500, 500, 500, 1_000, 1_000, 1_000, 5_000, 5_000, 5_000, 5_000, 10_000
    };
    for (int day = 1; day < expected.length; day++) {
      assertThat(WarmupPlan.capFor(WarmupPlan.STANDARD, day))
          .as("day " + day)
          .isEqualTo(expected[day]);
    }
    assertThat(WarmupPlan.capFor(WarmupPlan.STANDARD, 21)).isEqualTo(10_000);
    assertThat(WarmupPlan.capFor(WarmupPlan.STANDARD, 22)).isEqualTo(50_000);
    assertThat(WarmupPlan.capFor(WarmupPlan.STANDARD, 28)).isEqualTo(50_000);
    assertThat(WarmupPlan.capFor(WarmupPlan.STANDARD, 29)).isEqualTo(WarmupState.UNLIMITED);
    assertThat(WarmupPlan.capFor(WarmupPlan.STANDARD, 400)).isEqualTo(WarmupState.UNLIMITED);
  }

  @Test
  void schedulesAreDataReadFromTheirJson() {
    List<WarmupPlan.Step> steps =
        WarmupPlan.parseSchedule("[{\"fromDay\":4,\"cap\":-1},{\"fromDay\":1,\"cap\":20}]");

    assertThat(steps).containsExactly(new WarmupPlan.Step(1, 20), new WarmupPlan.Step(4, -1));
    assertThat(WarmupPlan.capFor(steps, 3)).isEqualTo(20);
    assertThat(WarmupPlan.capFor(steps, 4)).isEqualTo(WarmupState.UNLIMITED);
    assertThat(WarmupPlan.parseSchedule("[]")).isEqualTo(WarmupPlan.STANDARD);
    assertThat(WarmupPlan.decode(WarmupPlan.encode(steps))).isEqualTo(steps);
    assertThatThrownBy(() -> WarmupPlan.parseSchedule("{\"cap\":1}"))
        .hasMessageContaining("warmup schedule");
  }

  @Test
  void pausesOnlyAboveTheRatesAndTheMinimumVolume() {
    assertThat(WarmupRules.pauseReason(10, 5, 0, limits)).isEmpty();
    assertThat(WarmupRules.pauseReason(100, 3, 0, limits)).isEmpty();
    assertThat(WarmupRules.pauseReason(100, 4, 0, limits))
        .hasValueSatisfying(r -> assertThat(r).startsWith("bounce rate 4.00% above 3.00%"));
    assertThat(WarmupRules.pauseReason(1_000, 0, 1, limits)).isEmpty();
    assertThat(WarmupRules.pauseReason(1_000, 0, 2, limits))
        .hasValueSatisfying(r -> assertThat(r).startsWith("complaint rate 0.200% above 0.100%"));
  }

  @Test
  void aPausedDayResumesTheNextDayAtTheSameVolume() {
    WarmupPlan plan =
        new WarmupPlan(WarmupPlan.STANDARD, 3, 0, false, null, LocalDate.of(2026, 3, 4));
    WarmupDay day = WarmupDay.start("ip", plan, LocalDate.of(2026, 3, 4), 0);
    for (int i = 0; i < 100; i++) {
      day = day.count(1, 0, 0, limits, i);
    }
    day = day.count(0, 3, 0, limits, 100);
    assertThat(day.paused()).isFalse();
    day = day.count(0, 1, 0, limits, 101);
    assertThat(day.paused()).isTrue();
    assertThat(day.toState().remainingToday()).isZero();

    WarmupDay next = day.nextDay(LocalDate.of(2026, 3, 5), WarmupPlan.STANDARD, 200);
    assertThat(next.paused()).isFalse();
    assertThat(next.scheduleDay()).isEqualTo(3);
    assertThat(next.dailyCap()).isEqualTo(100);
    assertThat(next.sent()).isZero();

    WarmupDay after = next.nextDay(LocalDate.of(2026, 3, 6), WarmupPlan.STANDARD, 300);
    assertThat(after.scheduleDay()).isEqualTo(4);
  }

  @Test
  void aPlanReadOnAnotherDayStartsTheCountsOver() {
    WarmupPlan plan =
        new WarmupPlan(WarmupPlan.STANDARD, 5, 40, true, "x", LocalDate.of(2026, 3, 3));

    WarmupDay day = WarmupDay.start("ip", plan, LocalDate.of(2026, 3, 4), 0);

    assertThat(day.sent()).isZero();
    assertThat(day.paused()).isFalse();
    assertThat(day.dailyCap()).isEqualTo(500);
    assertThat(WarmupDay.start("ip", plan, LocalDate.of(2026, 3, 3), 0).sent()).isEqualTo(40);
  }
}
