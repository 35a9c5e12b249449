package dev.heron.api.warmup;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.heron.api.error.ApiException;
import dev.heron.events.Json;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A warmup schedule as data: from schedule day {@code fromDay} on, at most {@code cap} messages a
 * day ({@code -1}: unlimited). The standard one (DESIGN §5) is the resource {@code
 * warmup/standard-schedule.json}; it is what the warmup guard job reads from {@code
 * warmup_schedules.schedule}.
 */
final class WarmupSchedule {
  static final String STANDARD_RESOURCE = "warmup/standard-schedule.json";

  @Serdeable
  record Step(int fromDay, long cap) {}

  static List<Step> standard() {
    try (InputStream in =
        WarmupSchedule.class.getClassLoader().getResourceAsStream(STANDARD_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("no " + STANDARD_RESOURCE + " on the classpath");
      }
      return List.copyOf(Json.mapper().readValue(in, new TypeReference<List<Step>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A schedule a user gave, checked: starts on day 1, days increasing, caps positive or -1. */
  static List<Step> checked(List<Step> steps) {
    if (steps.isEmpty()) {
      throw ApiException.badRequest("schedule", "schedule: must have at least one step");
    }
    List<Step> sorted = new ArrayList<>(steps);
    sorted.sort(Comparator.comparingInt(Step::fromDay));
    if (sorted.get(0).fromDay() != 1) {
      throw ApiException.badRequest(
          "schedule[0].fromDay", "schedule[0].fromDay: the first step must start on day 1");
    }
    for (int i = 0; i < sorted.size(); i++) {
      Step s = sorted.get(i);
      if (i > 0 && s.fromDay() == sorted.get(i - 1).fromDay()) {
        throw ApiException.badRequest(
            "schedule[" + i + "].fromDay",
            "schedule[" + i + "].fromDay: day " + s.fromDay() + " is given twice");
      }
      if (s.cap() == 0 || s.cap() < -1) {
        throw ApiException.badRequest(
            "schedule[" + i + "].cap",
            "schedule[" + i + "].cap: must be positive, or -1 for unlimited");
      }
    }
    return List.copyOf(sorted);
  }

  static String json(List<Step> steps) {
    return Json.writeString(steps);
  }

  /** The cap of day 1, what a new warmup starts with. */
  static long firstCap(List<Step> steps) {
    return steps.get(0).cap();
  }

  private WarmupSchedule() {}
}
