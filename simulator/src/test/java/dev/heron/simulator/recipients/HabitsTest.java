package dev.heron.simulator.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.simulator.Timings;
import dev.heron.simulator.World;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HabitsTest {
  private final World world = World.builtIn();
  private final HabitProfile profile = world.habits();

  @Test
  void anAddressHasTheSameHabitsEveryTimeAndAnotherSeedChangesThem() {
    Habits once = Habits.of("Ann@gmail.test", "gmail", profile, 1L);
    assertThat(Habits.of("ann@gmail.test", "gmail", profile, 1L)).isEqualTo(once);
    assertThat(Habits.of("ann@gmail.test", "gmail", profile, 2L)).isNotEqualTo(once);
  }

  @Test
  void habitsStayWithinTheProfile() {
    List<Habits> population =
        IntStream.range(0, 1000)
            .mapToObj(i -> Habits.of("p" + i + "@icloud.test", "apple", profile, 3L))
            .toList();

    assertThat(population)
        .allSatisfy(
            h -> {
              assertThat(h.openProbability())
                  .isBetween(profile.openProbabilityMin(), profile.openProbabilityMax());
              assertThat(h.clickProbability())
                  .isBetween(profile.clickProbabilityMin(), profile.clickProbabilityMax());
              assertThat(h.preferredHourOfWeek()).isBetween(0, Habits.HOURS_PER_WEEK - 1);
            });
    long prefetching = population.stream().filter(Habits::prefetches).count();
    assertThat(prefetching).isBetween(500L, 700L); // the apple share is 0.6
    assertThat(
            IntStream.range(0, 100)
                .mapToObj(i -> Habits.of("p" + i + "@gmail.test", "gmail", profile, 3L)))
        .noneMatch(Habits::prefetches);
  }

  @Test
  void theDemoPopulationOpensFairlyOftenAndClicksSometimes() {
    Timings timings = world.timings();
    Instant at = Instant.parse("2025-03-05T14:00:00Z");
    List<EngagementPlan> plans =
        IntStream.range(0, 2000)
            .mapToObj(i -> "contact" + i + "@gmail.test")
            .map(
                a ->
                    EngagementPlan.of(
                        a,
                        "m1",
                        Habits.of(a, "gmail", profile, 5L),
                        profile.hourAffinityWeight(),
                        at,
                        timings,
                        5L))
            .toList();

    double opened = plans.stream().filter(p -> p.openAfter().isPresent()).count() / 2000.0;
    double clicked = plans.stream().filter(p -> p.clickAfter().isPresent()).count() / 2000.0;
    assertThat(opened).isBetween(0.3, 0.7);
    assertThat(clicked).isBetween(0.05, 0.3);
    assertThat(plans)
        .allSatisfy(
            p -> {
              assertThat(p.openAfter().orElse(Duration.ZERO))
                  .isLessThanOrEqualTo(timings.openDelayMax());
              assertThat(p.clickAfter().orElse(Duration.ZERO))
                  .isLessThanOrEqualTo(timings.clickDelayMax());
            });
  }

  @Test
  void messagesArrivingAtThePreferredHourAreOpenedMoreOften() {
    Habits habits = new Habits(0.8, 0.2, 0, 0.5, 0.5, 9, false); // Monday 09:00
    Instant preferred = Instant.parse("2025-03-03T09:00:00Z"); // a Monday
    Instant night = Instant.parse("2025-03-06T22:00:00Z"); // Thursday night
    assertThat(habits.affinity(EngagementPlan.hourOfWeek(preferred))).isEqualTo(1.0);
    assertThat(habits.affinity(3 * 24 + 9)).isEqualTo(0.5); // same hour, another day

    long atPreferred = opens(habits, preferred);
    long atNight = opens(habits, night);
    assertThat(atPreferred).isGreaterThan(atNight + 100);
  }

  private long opens(Habits habits, Instant at) {
    return IntStream.range(0, 1000)
        .mapToObj(
            i -> EngagementPlan.of("x@gmail.test", "m" + i, habits, 0.4, at, world.timings(), 1L))
        .filter(p -> p.openAfter().isPresent())
        .count();
  }
}
