package dev.heron.events;

import java.util.List;
import java.util.Map;

/** The Kafka topics Heron uses: the only place their names and settings are written. */
public final class Topics {
  /** {@link SendRequest} commands, key = recipient id. Dispatcher to senders. */
  public static final String SENDS = "heron.sends";

  /** Every delivery and engagement {@link Event}, key = message id. Everyone to Flink. */
  public static final String EVENTS = "heron.events";

  /** Latest {@link IpScore} per {@code ip|provider}, compacted. Flink to senders and API. */
  public static final String IP_SCORES = "heron.ip-scores";

  /** Latest {@link WarmupState} per ip, compacted. Flink to senders and dispatcher. */
  public static final String WARMUP = "heron.warmup";

  /** {@link AbTestDecision}s, key = A/B test id, compacted. Flink to whoever acts on winners. */
  public static final String AB_DECISIONS = "heron.ab-decisions";

  /** {@link DeadLetter}s: records that could not be read, with the reason. */
  public static final String DLQ = "heron.dlq";

  /** A topic Heron creates at start-up. */
  public record Spec(String name, int partitions, Map<String, String> config) {}

  private static final Map<String, String> COMPACTED =
      Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0");

  /** Every topic with its settings, partitions from {@code HERON_KAFKA_PARTITIONS}. */
  public static List<Spec> all() {
    int partitions = Integer.parseInt(Settings.get(Settings.KAFKA_PARTITIONS));
    return List.of(
        new Spec(SENDS, partitions, Map.of()),
        new Spec(EVENTS, partitions, Map.of()),
        new Spec(IP_SCORES, 1, COMPACTED),
        new Spec(WARMUP, 1, COMPACTED),
        new Spec(AB_DECISIONS, 1, COMPACTED),
        new Spec(DLQ, 1, Map.of()));
  }

  private Topics() {}
}
