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
 * @param scoreBelowBest from the switch to reading a score of the blocked IP below the best of the
 *     pool's other IPs (what routing compares)
 * @param scoreBelowOthers from the switch to reading a score of the blocked IP below every other IP
 *     of the pool, idle ones (scored near the prior) included
 * @param lastRouted from the switch to the last message the senders sent from it; empty when
 *     routing had not moved away by the end of the run
 * @param routedAfterSwitch messages sent from the blocked IP after the switch
 * @param shareBefore the blocked IP's share of the pool's messages in the ten seconds before
 */
record Reaction(
    Optional<Duration> firstRefusal,
    Optional<Duration> scoreBelowBest,
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
        scoreBelow(switchAt, blocked, others, scores, false),
        scoreBelow(switchAt, blocked, others, scores, true),
        lastRouted(switchAt, end, blocked, deliveries),
        deliveries.stream()
            .filter(e -> e.type() == EventType.SENT || e.type() == EventType.BOUNCED)
            .filter(e -> blocked.equals(e.sendingIp()) && !e.occurredAt().isBefore(switchAt))
            .map(Event::messageId)
            .distinct()
            .count(),
        shareBefore(switchAt, blocked, deliveries));
  }

  private static Optional<Duration> scoreBelow(
      Instant switchAt,
      String blocked,
      List<String> others,
      List<SeenScore> scores,
      boolean everyOther) {
    Map<String, Double> latest = new HashMap<>();
    for (SeenScore seen :
        scores.stream().sorted(Comparator.comparing(SeenScore::seenAt)).toList()) {
      latest.put(seen.score().ip(), seen.score().score());
      if (seen.seenAt().isBefore(switchAt) || !latest.keySet().containsAll(others)) {
        continue;
      }
      var otherScores = others.stream().mapToDouble(latest::get);
      double bar = everyOther ? otherScores.min().orElseThrow() : otherScores.max().orElseThrow();
      if (latest.containsKey(blocked) && latest.get(blocked) < bar) {
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

  /**
   * The IP that carried most of the pool's messages in the ten seconds before {@code at}: the one a
   * provider would start blocking, and the one routing has to move away from.
   */
  static String busiest(Instant at, List<String> ips, List<Event> deliveries) {
    return ips.stream()
        .max(Comparator.comparingDouble(ip -> shareBefore(at, ip, deliveries)))
        .orElseThrow();
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
