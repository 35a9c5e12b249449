package dev.heron.simulator.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.simulator.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MailReadingTest {
  private final World world = World.builtIn();
  // reads mail on Wednesdays at 19:00 UTC; opens 80 % of what it reads fresh
  private final Habits habits = new Habits(0.8, 0.2, 0, 0.5, 0.5, 2 * 24 + 19, false);

  private EngagementPlan plan(String message, Instant deliveredAt) {
    return EngagementPlan.of(
        "reader@gmail.test", message, habits, 0.4, deliveredAt, world.timings(), 7L);
  }

  @Test
  void opensConcentrateInThePreferredHoursWhenevertheMessageArrives() {
    Instant monday = Instant.parse("2025-03-03T00:00:00Z");
    int[] opensByHour = new int[Habits.HOURS_PER_WEEK];
    int opens = 0;
    for (int i = 0; i < 4000; i++) {
      // deliveries spread evenly over the week
      Instant deliveredAt = monday.plusSeconds((long) i * 7 * 24 * 3600 / 4000);
      Optional<Instant> openedAt = plan("m" + i, deliveredAt).openedAt();
      if (openedAt.isPresent()) {
        opensByHour[EngagementPlan.hourOfWeek(openedAt.get())]++;
        opens++;
      }
    }
    int preferred = habits.preferredHourOfWeek();
    int nearPreferred = 0;
    for (int h = preferred - 2; h <= preferred + 2; h++) {
      nearPreferred += opensByHour[h];
    }
    int busiest =
        IntStream.range(0, 168)
            .reduce((a, b) -> opensByHour[a] >= opensByHour[b] ? a : b)
            .getAsInt();
    // 5 of 168 hours hold over three times their 3 % share, and the busiest hour is the habit's
    assertThat((double) nearPreferred / opens).isGreaterThan(3 * 5 / 168.0);
    assertThat(busiest).isBetween(preferred - 2, preferred + 2);
    assertThat(opensByHour[preferred]).isGreaterThan(3 * opens / 168);
  }

  @Test
  void theSamePlanEveryTimeAndNeverAnOpenBeforeDelivery() {
    Instant deliveredAt = Instant.parse("2025-03-07T10:17:42Z");
    List<EngagementPlan> plans =
        IntStream.range(0, 500).mapToObj(i -> plan("m" + i, deliveredAt)).toList();

    assertThat(IntStream.range(0, 500).mapToObj(i -> plan("m" + i, deliveredAt)).toList())
        .isEqualTo(plans);
    assertThat(plans)
        .allSatisfy(
            p -> {
              p.openedAt()
                  .ifPresent(
                      at ->
                          assertThat(at)
                              .isAfterOrEqualTo(deliveredAt)
                              .isBefore(
                                  deliveredAt.plus(
                                      Duration.ofHours(MailReading.HORIZON_HOURS + 1))));
              p.clickedAt().ifPresent(at -> assertThat(at).isAfter(p.openedAt().orElseThrow()));
            });
    assertThat(plans.stream().filter(p -> p.openedAt().isPresent()).count()).isBetween(150L, 450L);
  }

  @Test
  void sendingAtThePreferredHourIsOpenedMoreOftenThanSendingRightAfterIt() {
    Instant atHabit = Instant.parse("2025-03-05T19:00:00Z"); // Wednesday 19:00
    Instant afterHabit = Instant.parse("2025-03-05T23:00:00Z");
    double chanceAtHabit = MailReading.openChance(habits, atHabit);
    double chanceAfter = MailReading.openChance(habits, afterHabit);
    assertThat(chanceAtHabit).isGreaterThan(chanceAfter * 1.15).isLessThanOrEqualTo(0.8);

    long opensAtHabit = opens(atHabit);
    long opensAfter = opens(afterHabit);
    assertThat(opensAtHabit).isGreaterThan(opensAfter);
    // the expectation matches what the plans draw
    assertThat(opensAtHabit / 2000.0)
        .isCloseTo(chanceAtHabit, org.assertj.core.data.Offset.offset(0.04));
  }

  @Test
  void freshnessHalvesEveryDayUnread() {
    assertThat(MailReading.freshness(Duration.ZERO)).isEqualTo(1.0);
    assertThat(MailReading.freshness(Duration.ofHours(24))).isEqualTo(0.5);
  }

  private long opens(Instant deliveredAt) {
    return IntStream.range(0, 2000)
        .mapToObj(i -> plan("x" + i, deliveredAt))
        .filter(p -> p.openedAt().isPresent())
        .count();
  }
}
