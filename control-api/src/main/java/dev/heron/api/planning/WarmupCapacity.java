package dev.heron.api.planning;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heron.events.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How many messages a pool's IPs may still take on each day from today, under their warmup
 * schedules ({@code [{"fromDay":1,"cap":50}, ...]}, cap -1 unlimited). An IP that is not warming up
 * is unlimited, and so is a day on which any IP is. A paused IP takes nothing today and resumes
 * tomorrow at the volume of the day it paused on.
 */
final class WarmupCapacity {
  /** Days planned ahead at most; contacts beyond are left for a later re-plan. */
  static final int HORIZON_DAYS = 60;

  /** One tier of a schedule: from this schedule day on, this daily cap. */
  record Tier(int fromDay, long cap) {}

  /** An IP of the pool: its schedule (null when not warming up) and where it stands today. */
  record Ip(String ip, List<Tier> schedule, int scheduleDay, boolean paused, long sentToday) {
    /** The cap on day {@code k} from today, -1 for unlimited. */
    long capacity(int k) {
      if (schedule == null) {
        return -1;
      }
      if (paused && k == 0) {
        return 0;
      }
      int day = scheduleDay + (paused ? k - 1 : k);
      long cap = capOn(schedule, day);
      if (cap < 0) {
        return -1;
      }
      return k == 0 ? Math.max(0, cap - sentToday) : cap;
    }
  }

  /**
   * The cumulative thresholds the SQL step ranks contacts against: element d is one more than the
   * room on days 0..d together, so a contact ranked at most that is due on day d or earlier. When a
   * day is unlimited the list stops before it and {@code horizon} is that day + 1.
   */
  record Spread(List<Long> thresholds, int horizon) {}

  static Spread spread(List<Ip> ips, Map<Integer, Long> queuedByDay) {
    if (ips.isEmpty()) {
      // No IP of its own: the senders use their default IPs, which no schedule limits.
      return new Spread(List.of(), 1);
    }
    List<Long> thresholds = new ArrayList<>();
    long cumulative = 0;
    for (int k = 0; k < HORIZON_DAYS; k++) {
      long room = 0;
      boolean unlimited = false;
      for (Ip ip : ips) {
        long cap = ip.capacity(k);
        if (cap < 0) {
          unlimited = true;
          break;
        }
        room += cap;
      }
      if (unlimited) {
        return new Spread(List.copyOf(thresholds), k + 1);
      }
      room = Math.max(0, room - queuedByDay.getOrDefault(k, 0L));
      cumulative += room;
      thresholds.add(cumulative + 1);
    }
    return new Spread(List.copyOf(thresholds), HORIZON_DAYS);
  }

  /** The cap of the last tier that starts on or before {@code day}; the first tier's before it. */
  static long capOn(List<Tier> schedule, int day) {
    long cap = schedule.isEmpty() ? -1 : schedule.get(0).cap();
    for (Tier tier : schedule) {
      if (tier.fromDay() <= day) {
        cap = tier.cap();
      }
    }
    return cap;
  }

  /** A schedule as stored in {@code warmup_schedules.schedule}, sorted by its first day. */
  static List<Tier> parse(String json) {
    try {
      List<Tier> tiers = new ArrayList<>();
      for (JsonNode tier : Json.mapper().readTree(json)) {
        tiers.add(new Tier(tier.path("fromDay").asInt(1), tier.path("cap").asLong(-1)));
      }
      tiers.sort(java.util.Comparator.comparingInt(Tier::fromDay));
      return tiers;
    } catch (IOException e) {
      throw new IllegalStateException("a warmup schedule is not JSON: " + json, e);
    }
  }

  private WarmupCapacity() {}
}
