package dev.heron.jobs.warmup;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.heron.events.Json;
import dev.heron.events.WarmupState;
import java.io.IOException;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One IP's warmup as {@code warmup_schedules} holds it: the schedule (from which schedule day which
 * daily cap applies; -1 is unlimited) and where the IP stood when it was read.
 */
public record WarmupPlan(
    List<Step> schedule,
    int scheduleDay,
    long sentToday,
    boolean paused,
    String pauseReason,
    LocalDate asOf)
    implements Serializable {

  /** From schedule day {@code fromDay} on, at most {@code cap} messages a day. */
  public record Step(int fromDay, long cap) implements Serializable {}

  /** DESIGN §5's schedule, for an IP whose warmup does not name its own. */
  public static final List<Step> STANDARD =
      List.of(
          new Step(1, 50),
          new Step(3, 100),
          new Step(5, 500),
          new Step(8, 1_000),
          new Step(11, 5_000),
          new Step(15, 10_000),
          new Step(22, 50_000),
          new Step(29, WarmupState.UNLIMITED));

  /** The cap of a schedule day: the step with the greatest {@code fromDay} not after it. */
  public static long capFor(List<Step> schedule, int scheduleDay) {
    return schedule.stream()
        .filter(s -> s.fromDay() <= scheduleDay)
        .max(Comparator.comparingInt(Step::fromDay))
        .map(Step::cap)
        .orElse(schedule.isEmpty() ? WarmupState.UNLIMITED : schedule.get(0).cap());
  }

  /** A schedule as {@code [fromDay, cap, fromDay, cap, ...]}, compact in Flink state. */
  public static long[] encode(List<Step> schedule) {
    long[] pairs = new long[schedule.size() * 2];
    for (int i = 0; i < schedule.size(); i++) {
      pairs[2 * i] = schedule.get(i).fromDay();
      pairs[2 * i + 1] = schedule.get(i).cap();
    }
    return pairs;
  }

  public static List<Step> decode(long[] pairs) {
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      steps.add(new Step((int) pairs[i], pairs[i + 1]));
    }
    return List.copyOf(steps);
  }

  /** Reads the {@code schedule} column; an empty or absent one is {@link #STANDARD}. */
  public static List<Step> parseSchedule(String json) {
    if (json == null || json.isBlank()) {
      return STANDARD;
    }
    try {
      List<Step> steps = Json.mapper().readValue(json, new TypeReference<List<Step>>() {});
      if (steps.isEmpty()) {
        return STANDARD;
      }
      List<Step> sorted = new ArrayList<>(steps);
      sorted.sort(Comparator.comparingInt(Step::fromDay));
      return List.copyOf(sorted);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "warmup schedule is not a list of {fromDay, cap}: " + json, e);
    }
  }
}
