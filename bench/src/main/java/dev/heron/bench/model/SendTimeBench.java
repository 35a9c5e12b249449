package dev.heron.bench.model;

import dev.heron.bench.Median;
import dev.heron.bench.ModuleProcess;
import dev.heron.events.Event;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.simulator.World;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code bin/heron bench sendtime}: the real SendTimeJob (its own JVM, a local MiniCluster, the
 * Kafka intake, the {@code contact_send_time} sink) fed with weeks of engagement that the
 * simulator's recipients model produces at simulated times, scored against the recipients' hidden
 * habits. Each message's delivery is published as the senders would, and each open's event time is
 * the simulated time the person read the message ({@link
 * dev.heron.simulator.recipients.MailReading}). Arguments: contacts (1500), weeks (26), campaigns
 * per week (3), runs (3), and the simulator's hour affinity weight (the built-in world's when
 * absent; it shapes only live runs' open chance, not these simulated opens).
 */
public final class SendTimeBench {
  private static final Duration MODEL_DEADLINE = Duration.ofMinutes(5);

  /**
   * Two of the tenant's refits and a contact's coalescing (SendTimeJob's 10 s and 5 s), with room
   * to spare; the job's classes are not on the benchmark's classpath.
   */
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private SendTimeBench() {}

  public static void main(String[] args) throws Exception {
    int contacts = args.length > 0 ? Integer.parseInt(args[0]) : 1500;
    int weeks = args.length > 1 ? Integer.parseInt(args[1]) : 26;
    int perWeek = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    World world = World.builtIn();
    var habits = world.habits();
    if (args.length > 4) {
      double weight = Double.parseDouble(args[4]);
      habits =
          new dev.heron.simulator.recipients.HabitProfile(
              habits.openProbabilityMin(),
              habits.openProbabilityMax(),
              habits.clickProbabilityMin(),
              habits.clickProbabilityMax(),
              habits.unsubscribeProbability(),
              weight,
              habits.prefetchShare());
    }
    Path repo = Path.of(System.getProperty("heron.repo", ".")).toAbsolutePath();
    Path log =
        Files.createDirectories(Path.of(Settings.get(Settings.HOME), "bench", "sendtime"))
            .resolve("sendtime-job.log")
            .toAbsolutePath();
    System.out.printf(
        Locale.ROOT,
        "contacts=%d weeks=%d campaigns/week=%d runs=%d hourAffinityWeight=%.2f job log %s%n",
        contacts,
        weeks,
        perWeek,
        runs,
        habits.hourAffinityWeight(),
        log);
    List<SendTimeScore.Result> results = new ArrayList<>();
    try (ModuleProcess job =
        ModuleProcess.streamJob(
            repo,
            "dev.heron.jobs.sendtime.SendTimeJob",
            // Only this run's records; no checkpoints: the local MiniCluster keeps them in the
            // JobManager's memory, which a few thousand contacts' histograms outgrow.
            Map.of(
                Settings.JOBS_START_AT,
                Long.toString(System.currentTimeMillis()),
                Settings.CHECKPOINT_INTERVAL_MS,
                "3600000"),
            log)) {
      for (int run = 0; run < runs; run++) {
        // simulated weeks end before today: the broker's other readers keep their watermarks
        Instant start = lastMonday().minus(Duration.ofDays(7L * (weeks + 2) * (runs - run)));
        SimulatedHistory history =
            new SimulatedHistory(
                contacts, weeks, perWeek, start, habits, world.timings(), 1000L + run);
        long began = System.nanoTime();
        produce(history.events);
        Map<UUID, int[]> models = awaitModels(history, job);
        double seconds = (System.nanoTime() - began) / 1e9;
        // the next campaign: the Tuesday after the history, 10:00 UTC
        Instant next = history.trainedUntil.plus(Duration.ofHours(24 + 10));
        SendTimeScore.Result r = SendTimeScore.score(history, models, next);
        results.add(r);
        System.out.printf(
            Locale.ROOT,
            "run %d: %d events, models in %.1f s; contacts with >= %d human opens: %d;"
                + " true hour in top 3: %.1f %% (raw counts: %.1f %%, chance: %.1f %%;"
                + " a top-3 hour within 1 h of it: %.1f %%);"
                + " open rate at start %.4f, at modelled hour %.4f (uplift x%.3f), at true hour"
                + " %.4f; simulated opens %d -> %d%n",
            run + 1,
            history.events.size(),
            seconds,
            SendTimeScore.MIN_HUMAN_OPENS,
            r.scored(),
            100 * r.accuracy(),
            100 * r.rawCountAccuracy(),
            100 * 3.0 / 168,
            100 * r.withinAnHourAccuracy(),
            r.openRateAtStart(),
            r.openRateModelled(),
            r.uplift(),
            r.openRateAtTrueHour(),
            r.opensAtStart(),
            r.opensModelled());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "median of %d runs: true hour in top 3 %.1f %% (raw counts %.1f %%; within 1 h %.1f %%);"
            + " open-rate uplift"
            + " x%.3f (%.4f vs %.4f at the campaign's start; x%.3f at the true hour)%n",
        runs,
        100 * Median.of(results, SendTimeScore.Result::accuracy),
        100 * Median.of(results, SendTimeScore.Result::rawCountAccuracy),
        100 * Median.of(results, SendTimeScore.Result::withinAnHourAccuracy),
        Median.of(results, SendTimeScore.Result::uplift),
        Median.of(results, SendTimeScore.Result::openRateModelled),
        Median.of(results, SendTimeScore.Result::openRateAtStart),
        Median.of(results, r -> r.openRateAtTrueHour() / r.openRateAtStart()));
  }

  private static Instant lastMonday() {
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    return today
        .minusDays(today.getDayOfWeek().getValue() - 1)
        .atStartOfDay(java.time.ZoneOffset.UTC)
        .toInstant();
  }

  private static void produce(List<Event> events) {
    Properties props = new Properties();
    props.put("bootstrap.servers", Settings.get(Settings.KAFKA_BOOTSTRAP));
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    props.put("linger.ms", "20");
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (Event e : events) {
        producer.send(
            new ProducerRecord<>(
                Topics.EVENTS,
                e.messageId().toString().getBytes(StandardCharsets.UTF_8),
                WireCodec.EVENTS.encode(e)));
      }
      producer.flush();
    }
  }

  /**
   * Each contact's latest best hours, once every contact's latest snapshot includes all of its
   * human opens and clicks and none has changed for {@link #SETTLE}: the tenant's reading shape is
   * refitted after the last readings, and a new shape rewrites every contact's model.
   */
  private static Map<UUID, int[]> awaitModels(SimulatedHistory history, ModuleProcess job)
      throws Exception {
    Map<UUID, Integer> expected = new HashMap<>();
    for (int i = 0; i < history.contacts.size(); i++) {
      if (history.humanEngagements[i] > 0) {
        expected.put(history.contacts.get(i).id(), history.humanEngagements[i]);
      }
    }
    Instant deadline = Instant.now().plus(MODEL_DEADLINE);
    try (Connection c =
            DriverManager.getConnection(
                Settings.get(Settings.DB_URL),
                Settings.get(Settings.DB_USER),
                Settings.get(Settings.DB_PASSWORD));
        PreparedStatement st =
            c.prepareStatement(
                "SELECT DISTINCT ON (contact_id) contact_id, observations, best_hours"
                    + " FROM contact_send_time WHERE tenant_id = ?"
                    + " ORDER BY contact_id, computed_at DESC")) {
      st.setObject(1, history.tenant);
      Map<UUID, int[]> settled = null;
      Instant settledSince = null;
      while (true) {
        Map<UUID, int[]> models = new HashMap<>();
        int complete = 0;
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            UUID contact = rs.getObject(1, UUID.class);
            Array hours = rs.getArray(3);
            Integer[] boxed = (Integer[]) hours.getArray();
            models.put(contact, java.util.Arrays.stream(boxed).mapToInt(h -> h).toArray());
            if (expected.getOrDefault(contact, -1) == rs.getLong(2)) {
              complete++;
            }
          }
        }
        if (complete == expected.size()) {
          if (settled == null || !sameModels(settled, models)) {
            settled = models;
            settledSince = Instant.now();
          } else if (Instant.now().isAfter(settledSince.plus(SETTLE))) {
            return models;
          }
        }
        job.requireAlive();
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              complete
                  + " of "
                  + expected.size()
                  + " contacts' models complete after "
                  + MODEL_DEADLINE);
        }
        Thread.sleep(1000);
      }
    }
  }

  private static boolean sameModels(Map<UUID, int[]> a, Map<UUID, int[]> b) {
    return a.size() == b.size()
        && a.entrySet().stream()
            .allMatch(e -> java.util.Arrays.equals(e.getValue(), b.get(e.getKey())));
  }
}
