package dev.heron.bench.model;

import dev.heron.bench.Median;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.sendtime.ContactReadings;
import dev.heron.jobs.sendtime.DecayedHistogram;
import dev.heron.jobs.sendtime.Delivery;
import dev.heron.jobs.sendtime.Reading;
import dev.heron.jobs.sendtime.SendTimeRules;
import dev.heron.simulator.World;
import dev.heron.simulator.recipients.HabitProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The send-time model without Kafka or Flink, in seconds: the same simulated histories as {@code
 * bin/heron bench sendtime} replayed through {@link SendTimeRules} the way {@code
 * ContactSendTimeFunction} applies them (each contact's deliveries, the first open or click of each
 * message as a reading, the tenant's population as the prior), scored like the benchmark. For
 * trying a change to the model before the real run, and for the sensitivity of its accuracy to the
 * history (fewer or more campaigns) and to the world ({@link VariedReadingWorld}). Arguments:
 * contacts (800), weeks (26), campaigns per week (3), runs (3), then optionally a varied world's
 * habit spread (hours), other days' share, any hour's floor, share read at delivery and read
 * half-life (hours). Run (after {@code mvn -pl stream-jobs,bench -am install -DskipTests}): {@code
 * java -cp bench/target/classes:stream-jobs/target/classes:$(cat bench/target/classpath.txt)
 * dev.heron.bench.model.SendTimeOffline 800 26 3 3 [4 0.25 0.1 0.2 12]}.
 */
public final class SendTimeOffline {
  private SendTimeOffline() {}

  public static void main(String[] args) {
    int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 800;
    int weeks = args.length > 1 ? Integer.parseInt(args[1]) : 26;
    int perWeek = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    if (args.length > 8) {
      varied(contacts, weeks, perWeek, runs, Arrays.copyOfRange(args, 4, 9));
      return;
    }
    World world = World.builtIn();
    HabitProfile habits = world.habits();
    Instant start = Instant.parse("2026-01-05T00:00:00Z"); // a Monday
    List<SendTimeScore.Result> results = new ArrayList<>();
    List<SendTimeScore.Result> oracles = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      SimulatedHistory history =
          new SimulatedHistory(
              contacts, weeks, perWeek, start, habits, world.timings(), 1000L + run);
      Replay replay = replay(history.events);
      Instant next = history.trainedUntil.plus(Duration.ofHours(24 + 10));
      SendTimeScore.Result r = SendTimeScore.score(history, replay.models(), next);
      results.add(r);
      oracles.add(SendTimeScore.score(history, replay.oracle(), next));
      System.out.printf(
          Locale.ROOT,
          "run %d: contacts with >= %d human opens %d; true hour in top 3 %.1f %% (raw counts"
              + " %.1f %%; within 1 h %.1f %%; knowing the simulator's habit shape %.1f %%);"
              + " uplift x%.3f (true hour x%.3f)%n",
          run + 1,
          SendTimeScore.MIN_HUMAN_OPENS,
          r.scored(),
          100 * r.accuracy(),
          100 * r.rawCountAccuracy(),
          100 * r.withinAnHourAccuracy(),
          100 * oracles.get(run).accuracy(),
          r.uplift(),
          r.openRateAtTrueHour() / r.openRateAtStart());
    }
    System.out.printf(
        Locale.ROOT,
        "median of %d runs (%d contacts, %d weeks x %d campaigns): true hour in top 3 %.1f %%"
            + " (raw counts %.1f %%; within 1 h %.1f %%; knowing the simulator's habit shape"
            + " %.1f %%); uplift x%.3f%n",
        runs,
        contacts,
        weeks,
        perWeek,
        100 * Median.of(results, SendTimeScore.Result::accuracy),
        100 * Median.of(results, SendTimeScore.Result::rawCountAccuracy),
        100 * Median.of(results, SendTimeScore.Result::withinAnHourAccuracy),
        100 * Median.of(oracles, SendTimeScore.Result::accuracy),
        Median.of(results, SendTimeScore.Result::uplift));
  }

  /** Accuracy alone (the world has no open chance to score an uplift with) in a varied world. */
  private static void varied(int contacts, int weeks, int perWeek, int runs, String[] numbers) {
    double[] n = Arrays.stream(numbers).mapToDouble(Double::parseDouble).toArray();
    VariedReadingWorld world = new VariedReadingWorld(n[0], n[1], n[2], n[3], n[4]);
    double[] accuracy = new double[runs];
    for (int run = 0; run < runs; run++) {
      VariedReadingWorld.History history =
          world.play(contacts, weeks, perWeek, Instant.parse("2026-01-05T00:00:00Z"), 1000L + run);
      Map<UUID, int[]> models = models(history.events());
      int scored = 0;
      int hits = 0;
      for (int i = 0; i < history.contacts().size(); i++) {
        if (history.opens()[i] >= SendTimeScore.MIN_HUMAN_OPENS) {
          scored++;
          int truth = history.peaks()[i];
          int[] best = models.getOrDefault(history.contacts().get(i), new int[0]);
          hits += Arrays.stream(best).anyMatch(h -> h == truth) ? 1 : 0;
        }
      }
      accuracy[run] = (double) hits / Math.max(1, scored);
      System.out.printf(
          Locale.ROOT,
          "run %d (%s): contacts with >= %d opens %d; true hour in top 3 %.1f %%%n",
          run + 1,
          world,
          SendTimeScore.MIN_HUMAN_OPENS,
          scored,
          100 * accuracy[run]);
    }
    Arrays.sort(accuracy);
    System.out.printf(
        Locale.ROOT,
        "median of %d runs (%d contacts, %d weeks x %d campaigns, %s): true hour in top 3 %.1f %%%n",
        runs,
        contacts,
        weeks,
        perWeek,
        world,
        100 * accuracy[runs / 2]);
  }

  /**
   * Each contact's readings and the tenant's prior after the whole history, as the job has them.
   */
  record Replay(Map<UUID, ContactReadings> readings, double[] prior) {
    /** Each contact's best hours, as the job would write them last. */
    Map<UUID, int[]> models() {
      Map<UUID, int[]> models = new HashMap<>();
      readings.forEach(
          (contact, r) ->
              models.put(contact, SendTimeRules.bestHours(SendTimeRules.posterior(r, prior))));
      return models;
    }

    /**
     * What a reader knowing the simulator's habit shape would pick ({@link SimulatorShapeOracle}).
     */
    Map<UUID, int[]> oracle() {
      Map<UUID, int[]> models = new HashMap<>();
      readings.forEach((contact, r) -> models.put(contact, SimulatorShapeOracle.bestHours(r)));
      return models;
    }
  }

  static Map<UUID, int[]> models(List<Event> events) {
    return replay(events).models();
  }

  static Replay replay(List<Event> events) {
    Map<UUID, Map<UUID, Delivery>> deliveries = new HashMap<>();
    Map<UUID, ContactReadings> readings = new HashMap<>();
    DecayedHistogram population = null;
    for (Event e : events) {
      int hour = SendTimeRules.hourOfWeek(e.occurredAt(), ZoneOffset.UTC);
      long at = e.occurredAt().toEpochMilli();
      Map<UUID, Delivery> mine = deliveries.computeIfAbsent(e.contactId(), c -> new HashMap<>());
      if (e.type() == EventType.DELIVERED) {
        mine.put(e.messageId(), new Delivery(at, hour, false));
        continue;
      }
      if (!e.isHumanOpen() && e.type() != EventType.CLICKED) {
        continue;
      }
      population = SendTimeRules.observe(population, hour, at);
      Delivery delivery = mine.get(e.messageId());
      if (delivery == null || !delivery.read()) {
        readings.put(
            e.contactId(),
            SendTimeRules.add(
                readings.get(e.contactId()), SendTimeRules.reading(hour, at, delivery)));
        mine.put(
            e.messageId(),
            delivery == null
                ? new Delivery(at, Reading.NOT_DELIVERED, true)
                : new Delivery(delivery.atMillis(), delivery.hourOfWeek(), true));
      }
    }
    return new Replay(readings, SendTimeRules.priorShape(population));
  }
}
