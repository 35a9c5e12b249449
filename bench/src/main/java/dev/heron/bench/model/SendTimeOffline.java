package dev.heron.bench.model;

import dev.heron.bench.Median;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.sendtime.ContactReading;
import dev.heron.jobs.sendtime.ContactReadings;
import dev.heron.jobs.sendtime.DecayedHistogram;
import dev.heron.jobs.sendtime.Delivery;
import dev.heron.jobs.sendtime.Engagement;
import dev.heron.jobs.sendtime.EngagementStep;
import dev.heron.jobs.sendtime.Reading;
import dev.heron.jobs.sendtime.ReadingShape;
import dev.heron.jobs.sendtime.SendTimeRules;
import dev.heron.jobs.sendtime.ShapeFit;
import dev.heron.simulator.World;
import dev.heron.simulator.recipients.HabitProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The send-time model without Kafka or Flink, in seconds: the same simulated histories as {@code
 * bin/heron bench sendtime} replayed through the send-time job's own rules, steps and types ({@link
 * SendTimeRules}, {@link ShapeFit}, {@link EngagementStep}, {@link Engagement}, {@link
 * ContactReading}) the way its functions apply them (each contact's deliveries, the first open or
 * click of each message as a reading, the tenant's population and fitted shape as the prior),
 * scored like the benchmark. For trying a change to the model before the real run, and for the
 * sensitivity of its accuracy to the history (fewer or more campaigns) and to the world ({@link
 * VariedReadingWorld}). Arguments: contacts (800), weeks (26), campaigns per week (3), runs (3),
 * then optionally a varied world's habit spread (hours), other days' share, any hour's floor, share
 * read at delivery and read half-life (hours). Run (after {@code mvn -pl stream-jobs,bench -am
 * install -DskipTests}): {@code java -cp bench/target/classes:stream-jobs/target/classes:$(cat
 * bench/target/classpath.txt) dev.heron.bench.model.SendTimeOffline 800 26 3 3 [4 0.25 0.1 0.2
 * 12]}.
 */
public final class SendTimeOffline {
  private SendTimeOffline() {}

  /** Bins of human opens for the accuracy by evidence: 5–9, 10–19, 20–39, 40 and more. */
  private static final int[] BINS = {5, 10, 20, 40};

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
    List<SendTimeScore.Result> assumed = new ArrayList<>();
    List<SendTimeScore.Result> oracles = new ArrayList<>();
    List<SendTimeScore.Result> unopenedOracles = new ArrayList<>();
    double[] openProbabilities = range(habits.openProbabilityMin(), habits.openProbabilityMax());
    List<double[]> bins = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      SimulatedHistory history =
          new SimulatedHistory(
              contacts, weeks, perWeek, start, habits, world.timings(), 1000L + run);
      Replay replay = replay(history.events);
      Instant next = history.trainedUntil.plus(Duration.ofHours(24 + 10));
      ReadingShape fitted = replay.fittedShape();
      Map<UUID, int[]> models = replay.models(fitted);
      SendTimeScore.Result r = SendTimeScore.score(history, models, next);
      results.add(r);
      assumed.add(SendTimeScore.score(history, replay.models(ReadingShape.DEFAULT), next));
      oracles.add(
          SendTimeScore.score(history, replay.oracle(SimulatorShapeOracle.SIMULATOR), next));
      unopenedOracles.add(
          SendTimeScore.score(history, withUnopened(history.events, openProbabilities), next));
      int[] truths =
          history.contacts.stream().mapToInt(c -> c.habits().preferredHourOfWeek()).toArray();
      List<UUID> ids = history.contacts.stream().map(SimulatedHistory.Contact::id).toList();
      bins.add(byOpens(ids, truths, history.humanOpens, models));
      System.out.printf(
          Locale.ROOT,
          "run %d: fitted shape (%s); contacts with >= %d human opens %d; true hour in top 3 %.1f %%"
              + " (assumed default shape %.1f %%; raw counts %.1f %%; within 1 h %.1f %%; knowing"
              + " the simulator's habit shape %.1f %%, and reading unopened messages too %.1f %%);"
              + " by opens %s; uplift x%.3f (true hour x%.3f)%n",
          run + 1,
          fitted,
          SendTimeScore.MIN_HUMAN_OPENS,
          r.scored(),
          100 * r.accuracy(),
          100 * assumed.get(run).accuracy(),
          100 * r.rawCountAccuracy(),
          100 * r.withinAnHourAccuracy(),
          100 * oracles.get(run).accuracy(),
          100 * unopenedOracles.get(run).accuracy(),
          describe(bins.get(run)),
          r.uplift(),
          r.openRateAtTrueHour() / r.openRateAtStart());
    }
    System.out.printf(
        Locale.ROOT,
        "median of %d runs (%d contacts, %d weeks x %d campaigns): true hour in top 3 %.1f %%"
            + " (assumed default shape %.1f %%; raw counts %.1f %%; within 1 h %.1f %%; knowing"
            + " the simulator's habit shape %.1f %%, and reading unopened messages too %.1f %%); by"
            + " opens %s; uplift x%.3f%n",
        runs,
        contacts,
        weeks,
        perWeek,
        100 * Median.of(results, SendTimeScore.Result::accuracy),
        100 * Median.of(assumed, SendTimeScore.Result::accuracy),
        100 * Median.of(results, SendTimeScore.Result::rawCountAccuracy),
        100 * Median.of(results, SendTimeScore.Result::withinAnHourAccuracy),
        100 * Median.of(oracles, SendTimeScore.Result::accuracy),
        100 * Median.of(unopenedOracles, SendTimeScore.Result::accuracy),
        describe(medianByBin(bins)),
        Median.of(results, SendTimeScore.Result::uplift));
  }

  /**
   * What a reader knowing the simulator's shape finds from every delivery, the unopened ones too
   * ({@link SimulatorShapeOracle#bestHoursWithUnopened}): each contact's messages from the events
   * Heron sees (each {@code DELIVERED}, and the first human open of its message).
   */
  private static Map<UUID, int[]> withUnopened(List<Event> events, double[] openProbabilities) {
    // contact → message → the hour it was delivered; message → the hour of its first human open
    Map<UUID, Map<UUID, Integer>> deliveredHours = new LinkedHashMap<>();
    Map<UUID, Integer> firstOpenHours = new HashMap<>();
    for (Event e : events) { // in time order: a message's delivery before its opens
      int hour = SendTimeRules.hourOfWeek(e.occurredAt(), ZoneOffset.UTC);
      if (e.type() == EventType.DELIVERED) {
        deliveredHours
            .computeIfAbsent(e.contactId(), k -> new LinkedHashMap<>())
            .put(e.messageId(), hour);
      } else if (e.isHumanOpen()) {
        firstOpenHours.putIfAbsent(e.messageId(), hour);
      }
    }
    Map<UUID, int[]> models = new HashMap<>();
    deliveredHours.forEach(
        (contact, messages) ->
            models.put(
                contact,
                SimulatorShapeOracle.SIMULATOR.bestHoursWithUnopened(
                    messages.entrySet().stream()
                        .map(
                            m ->
                                new SimulatorShapeOracle.Message(
                                    m.getValue(),
                                    firstOpenHours.getOrDefault(
                                        m.getKey(), SimulatorShapeOracle.Message.NOT_OPENED)))
                        .toList(),
                    openProbabilities)));
    return models;
  }

  /** Twelve points spread evenly over [min, max], for averaging over an unknown probability. */
  private static double[] range(double min, double max) {
    double[] points = new double[12];
    for (int i = 0; i < points.length; i++) {
      points[i] = min + (max - min) * (i + 0.5) / points.length;
    }
    return points;
  }

  /** Accuracy alone (the world has no open chance to score an uplift with) in a varied world. */
  private static void varied(int contacts, int weeks, int perWeek, int runs, String[] numbers) {
    double[] n = Arrays.stream(numbers).mapToDouble(Double::parseDouble).toArray();
    VariedReadingWorld world = new VariedReadingWorld(n[0], n[1], n[2], n[3], n[4]);
    List<double[]> fitted = new ArrayList<>();
    List<Double> assumed = new ArrayList<>();
    List<Double> oracle = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      VariedReadingWorld.History history =
          world.play(contacts, weeks, perWeek, Instant.parse("2026-01-05T00:00:00Z"), 1000L + run);
      Replay replay = replay(history.events());
      ReadingShape shape = replay.fittedShape();
      fitted.add(
          byOpens(history.contacts(), history.peaks(), history.opens(), replay.models(shape)));
      assumed.add(
          byOpens(
              history.contacts(),
              history.peaks(),
              history.opens(),
              replay.models(ReadingShape.DEFAULT))[0]);
      oracle.add(
          byOpens(
              history.contacts(), history.peaks(), history.opens(), replay.oracle(world.oracle()))[
              0]);
      System.out.printf(
          Locale.ROOT,
          "run %d (%s): fitted shape (%s); true hour in top 3 %.1f %% (assumed default shape"
              + " %.1f %%; knowing the world's shape %.1f %%); by opens %s%n",
          run + 1,
          world,
          shape,
          100 * fitted.get(run)[0],
          100 * assumed.get(run),
          100 * oracle.get(run),
          describe(fitted.get(run)));
    }
    System.out.printf(
        Locale.ROOT,
        "median of %d runs (%d contacts, %d weeks x %d campaigns, %s): true hour in top 3 %.1f %%"
            + " (assumed default shape %.1f %%; knowing the world's shape %.1f %%); by opens %s%n",
        runs,
        contacts,
        weeks,
        perWeek,
        world,
        100 * medianByBin(fitted)[0],
        100 * Median.of(assumed),
        100 * Median.of(oracle),
        describe(medianByBin(fitted)));
  }

  /**
   * The share of contacts with at least {@link SendTimeScore#MIN_HUMAN_OPENS} opens whose true hour
   * is in their best hours, then the same by bin of opens ({@link #BINS}), then each bin's count.
   */
  static double[] byOpens(List<UUID> ids, int[] truths, int[] opens, Map<UUID, int[]> models) {
    int[] scored = new int[BINS.length + 1];
    int[] hits = new int[BINS.length + 1];
    for (int i = 0; i < ids.size(); i++) {
      if (opens[i] < SendTimeScore.MIN_HUMAN_OPENS) {
        continue;
      }
      int bin = 1;
      while (bin < BINS.length && opens[i] >= BINS[bin]) {
        bin++;
      }
      int truth = truths[i];
      boolean hit =
          Arrays.stream(models.getOrDefault(ids.get(i), new int[0])).anyMatch(h -> h == truth);
      for (int b : new int[] {0, bin}) {
        scored[b]++;
        hits[b] += hit ? 1 : 0;
      }
    }
    double[] out = new double[2 * (BINS.length + 1)];
    for (int b = 0; b <= BINS.length; b++) {
      out[b] = scored[b] == 0 ? Double.NaN : (double) hits[b] / scored[b];
      out[BINS.length + 1 + b] = scored[b];
    }
    return out;
  }

  private static double[] medianByBin(List<double[]> runs) {
    double[] median = new double[runs.get(0).length];
    for (int i = 0; i < median.length; i++) {
      int at = i;
      median[i] = Median.of(runs, r -> r[at]);
    }
    return median;
  }

  private static String describe(double[] byOpens) {
    StringBuilder s = new StringBuilder();
    for (int b = 1; b <= BINS.length; b++) {
      String range = b < BINS.length ? BINS[b - 1] + "-" + (BINS[b] - 1) : BINS[b - 1] + "+";
      s.append(
          String.format(
              Locale.ROOT,
              "%s%s: %.1f %% (%.0f)",
              b > 1 ? ", " : "",
              range,
              100 * byOpens[b],
              byOpens[BINS.length + 1 + b]));
    }
    return s.toString();
  }

  /**
   * Each contact's readings and the tenant's population after the whole history, as the job has
   * them, and the readings of the contacts the job's fit samples (the first {@link
   * ShapeFit#SAMPLE_CONTACTS} to read, each with its newest {@link ShapeFit#READINGS_PER_CONTACT}).
   */
  record Replay(
      Map<UUID, ContactReadings> readings,
      DecayedHistogram population,
      Map<UUID, ContactReadings> sample) {
    ReadingShape fittedShape() {
      return ShapeFit.fit(sample.values());
    }

    /**
     * Each contact's best hours with {@code shape}, as the job would write them last: the tenant's
     * part of the posterior once, then each contact's ({@code ContactSendTimeFunction}).
     */
    Map<UUID, int[]> models(ReadingShape shape) {
      double[] priorLog =
          SendTimeRules.priorLog(SendTimeRules.priorShape(population, shape), shape);
      Map<UUID, int[]> models = new HashMap<>();
      readings.forEach(
          (contact, r) ->
              models.put(
                  contact,
                  SendTimeRules.bestHours(SendTimeRules.posteriorFrom(r, priorLog, shape))));
      return models;
    }

    /** What a reader knowing the world's habit shape would pick ({@link SimulatorShapeOracle}). */
    Map<UUID, int[]> oracle(SimulatorShapeOracle oracle) {
      Map<UUID, int[]> models = new HashMap<>();
      readings.forEach((contact, r) -> models.put(contact, oracle.bestHours(r)));
      return models;
    }
  }

  /**
   * The history through the job's steps, in its own types and rules, one event at a time: each
   * delivery, human open or click as an {@link Engagement} at its hour of the week (UTC: the
   * simulated contacts have no time zone); each engagement against its message's delivery ({@link
   * EngagementStep}, as {@code ContactReadingsFunction} takes it); each reading into the contact's
   * readings ({@link SendTimeRules#afterReading}, as {@code ContactSendTimeFunction}) and, the
   * first of its message, into the tenant's population and shape sample ({@link ShapeFit#sampled},
   * as {@code TenantPriorFunction}). Only the keeping of state differs: maps here, Flink state
   * there.
   */
  static Replay replay(List<Event> events) {
    Map<String, Map<String, Delivery>> deliveries = new HashMap<>();
    Map<UUID, ContactReadings> readings = new HashMap<>();
    Map<UUID, ContactReadings> sample = new LinkedHashMap<>();
    DecayedHistogram population = null;
    for (Event e : events) {
      Engagement engagement = engagementOf(e);
      if (engagement == null) {
        continue;
      }
      Map<String, Delivery> contactDeliveries =
          deliveries.computeIfAbsent(engagement.contactKey(), k -> new HashMap<>());
      EngagementStep step =
          EngagementStep.of(engagement, contactDeliveries.get(engagement.messageId()));
      if (step.recorded() != null) {
        contactDeliveries.put(engagement.messageId(), step.recorded());
      }
      ContactReading reading = step.reading();
      if (reading == null) {
        continue;
      }
      UUID contact = e.contactId();
      readings.put(contact, SendTimeRules.afterReading(readings.get(contact), reading));
      if (!reading.firstOfMessage()) {
        continue; // a repeat says nothing new to the tenant about when people read
      }
      Reading r = reading.reading();
      population = SendTimeRules.observe(population, r.hourOfWeek(), r.atMillis());
      ContactReadings sampled = ShapeFit.sampled(sample.get(contact), sample.size(), r);
      if (sampled != null) {
        sample.put(contact, sampled);
      }
    }
    return new Replay(readings, population, sample);
  }

  /** What the job hears of an event: a delivery, a human open or a click; nothing else. */
  private static Engagement engagementOf(Event e) {
    Engagement.Kind kind;
    if (e.type() == EventType.DELIVERED) {
      kind = Engagement.Kind.DELIVERED;
    } else if (e.type() == EventType.CLICKED) {
      kind = Engagement.Kind.CLICKED;
    } else if (e.isHumanOpen()) {
      kind = Engagement.Kind.OPENED;
    } else {
      return null;
    }
    return new Engagement(
        e.tenantId().toString(),
        e.contactId().toString(),
        e.messageId().toString(),
        kind,
        e.occurredAt().toEpochMilli(),
        SendTimeRules.hourOfWeek(e.occurredAt(), ZoneOffset.UTC));
  }
}
