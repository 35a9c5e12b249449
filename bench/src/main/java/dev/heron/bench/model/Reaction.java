package dev.heron.bench.model;

import dev.heron.bench.model.ReactionWatch.SeenScore;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one run shows after the provider starts blocking {@code blocked}: when its score fell below
 * every other IP of the pool, when the senders last routed a message to it, and (the floor any
 * reaction has) when its first refusal came back.
 *
 * @param firstRefusal from the switch to the first BOUNCED event from the blocked IP
 * @param scoreBelowOthers from the switch to reading a score of the blocked IP below the others'
 * @param lastRouted from the switch to the last message the senders sent from it; empty when
 *     routing had not moved away by the end of the run
 * @param routedAfterSwitch messages sent from the blocked IP after the switch
 * @param shareBefore the blocked IP's share of the pool's messages in the ten seconds before
 */
record Reaction(
    Optional<Duration> firstRefusal,
    Optional<Duration> scoreBelowOthers,
    Optional<Duration> lastRouted,
    long routedAfterSwitch,
    double shareBefore) {

  /** Routing has moved away when nothing left from the IP for this long before the run ended. */
  static final Duration QUIET = Duration.ofSeconds(10);

  static Reaction of(
      Instant switchAt,
      Instant end,
      String blocked,
      List<String> others,
      List<SeenScore> scores,
      List<Event> deliveries) {
    Optional<Duration> refusal =
        deliveries.stream()
            .filter(e -> e.type() == EventType.BOUNCED && blocked.equals(e.sendingIp()))
            .map(Event::occurredAt)
            .filter(at -> !at.isBefore(switchAt))
            .min(Comparator.naturalOrder())
            .map(at -> Duration.between(switchAt, at));
    return new Reaction(
        refusal,
        scoreBelowOthers(switchAt, blocked, others, scores),
        lastRouted(switchAt, end, blocked, deliveries),
        deliveries.stream()
            .filter(e -> e.type() == EventType.SENT || e.type() == EventType.BOUNCED)
            .filter(e -> blocked.equals(e.sendingIp()) && !e.occurredAt().isBefore(switchAt))
            .map(Event::messageId)
            .distinct()
            .count(),
        shareBefore(switchAt, blocked, deliveries));
  }

  private static Optional<Duration> scoreBelowOthers(
      Instant switchAt, String blocked, List<String> others, List<SeenScore> scores) {
    Map<String, Double> latest = new HashMap<>();
    for (SeenScore seen :
        scores.stream().sorted(Comparator.comparing(SeenScore::seenAt)).toList()) {
      latest.put(seen.score().ip(), seen.score().score());
      if (seen.seenAt().isBefore(switchAt) || !latest.keySet().containsAll(others)) {
        continue;
      }
      double bestOther = others.stream().mapToDouble(latest::get).min().orElseThrow();
      if (latest.containsKey(blocked) && latest.get(blocked) < bestOther) {
        return Optional.of(Duration.between(switchAt, seen.seenAt()));
      }
    }
    return Optional.empty();
  }

  /** Messages, not events: every outcome of a message routed to the IP. */
  private static Optional<Duration> lastRouted(
      Instant switchAt, Instant end, String blocked, List<Event> deliveries) {
    Instant last =
        deliveries.stream()
            .filter(e -> blocked.equals(e.sendingIp()))
            .map(Event::occurredAt)
            .filter(at -> !at.isBefore(switchAt))
            .max(Comparator.naturalOrder())
            .orElse(switchAt);
    if (Duration.between(last, end).compareTo(QUIET) < 0) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(switchAt, last));
  }

  private static double shareBefore(Instant switchAt, String blocked, List<Event> deliveries) {
    Instant from = switchAt.minus(Duration.ofSeconds(10));
    List<Event> sent =
        deliveries.stream()
            .filter(e -> e.type() == EventType.SENT || e.type() == EventType.BOUNCED)
            .filter(e -> !e.occurredAt().isBefore(from) && e.occurredAt().isBefore(switchAt))
            .toList();
    return sent.isEmpty()
        ? 0
        : (double) sent.stream().filter(e -> blocked.equals(e.sendingIp())).count() / sent.size();
  }
}
