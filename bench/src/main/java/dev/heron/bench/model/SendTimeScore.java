package dev.heron.bench.model;

import dev.heron.bench.model.SimulatedHistory.Contact;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.simulator.recipients.EngagementPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * How good a set of send-time models is against the simulator's hidden habits: the share of
 * contacts (with enough human opens) whose true preferred hour is among their best hours, and the
 * open rate of one more campaign sent at each contact's best hour against all at its start.
 */
final class SendTimeScore {
  static final int MIN_HUMAN_OPENS = 5;

  /** One run's figures. Open rates are expectations under the simulator's model, in [0, 1]. */
  record Result(
      int scored,
      double accuracy,
      double rawCountAccuracy,
      double withinAnHourAccuracy,
      double openRateAtStart,
      double openRateModelled,
      double openRateAtTrueHour,
      long opensAtStart,
      long opensModelled) {
    double uplift() {
      return openRateModelled / openRateAtStart;
    }
  }

  private SendTimeScore() {}

  /**
   * Scores {@code models} (best hours by contact; contacts without a model are missing) on {@code
   * history}, with the next campaign starting at {@code campaignStart}.
   */
  static Result score(SimulatedHistory history, Map<UUID, int[]> models, Instant campaignStart) {
    Map<UUID, int[]> rawCounts = rawCountTop3(history);
    int scored = 0;
    int hits = 0;
    int rawHits = 0;
    int nearHits = 0;
    double atStart = 0;
    double modelled = 0;
    double atTrueHour = 0;
    long opensAtStart = 0;
    long opensModelled = 0;
    for (int i = 0; i < history.contacts.size(); i++) {
      Contact contact = history.contacts.get(i);
      int truth = contact.habits().preferredHourOfWeek();
      int[] best = models.get(contact.id());
      if (history.humanOpens[i] >= MIN_HUMAN_OPENS) {
        scored++;
        hits += best != null && contains(best, truth) ? 1 : 0;
        rawHits += contains(rawCounts.getOrDefault(contact.id(), new int[0]), truth) ? 1 : 0;
        nearHits += best != null && withinAnHour(best, truth) ? 1 : 0;
      }
      Instant sendAt = best == null ? campaignStart : nextHourOfWeek(campaignStart, best[0]);
      atStart += history.openChance(contact, campaignStart);
      modelled += history.openChance(contact, sendAt);
      atTrueHour += history.openChance(contact, nextHourOfWeek(campaignStart, truth));
      // the same message key in both arms: the simulator draws the same random numbers for both
      String message = "next-campaign-" + contact.id();
      opensAtStart += history.opens(contact, message, campaignStart) ? 1 : 0;
      opensModelled += history.opens(contact, message, sendAt) ? 1 : 0;
    }
    int n = history.contacts.size();
    return new Result(
        scored,
        (double) hits / scored,
        (double) rawHits / scored,
        (double) nearHits / scored,
        atStart / n,
        modelled / n,
        atTrueHour / n,
        opensAtStart,
        opensModelled);
  }

  /** The first instant at or after {@code from} that falls in {@code hourOfWeek} (UTC). */
  static Instant nextHourOfWeek(Instant from, int hourOfWeek) {
    Instant hourStart = from.minusMillis(from.toEpochMilli() % 3_600_000);
    for (int h = 0; h < 168; h++) {
      Instant candidate = hourStart.plus(Duration.ofHours(h));
      if (EngagementPlan.hourOfWeek(candidate) == hourOfWeek) {
        return candidate.isBefore(from) ? from : candidate;
      }
    }
    throw new IllegalArgumentException("hour of week out of range: " + hourOfWeek);
  }

  /** The baseline model: each contact's three hours with the most human opens and clicks. */
  static Map<UUID, int[]> rawCountTop3(SimulatedHistory history) {
    Map<UUID, int[]> counts = new HashMap<>();
    for (Event e : history.events) {
      if (e.isHumanOpen() || e.type() == EventType.CLICKED) {
        counts
            .computeIfAbsent(e.contactId(), k -> new int[168])[
            EngagementPlan.hourOfWeek(e.occurredAt())]++;
      }
    }
    Map<UUID, int[]> top = new HashMap<>();
    counts.forEach(
        (contact, c) ->
            top.put(
                contact,
                IntStream.range(0, 168)
                    .boxed()
                    .sorted((a, b) -> c[b] != c[a] ? c[b] - c[a] : a - b)
                    .limit(3)
                    .mapToInt(Integer::intValue)
                    .toArray()));
    return top;
  }

  /** Whether a top hour is the true hour of the week or one either side of it. */
  private static boolean withinAnHour(int[] hours, int hour) {
    return IntStream.of(hours).anyMatch(h -> Math.floorMod(h - hour + 1, 168) <= 2);
  }

  private static boolean contains(int[] hours, int hour) {
    return IntStream.of(hours).anyMatch(h -> h == hour);
  }
}
