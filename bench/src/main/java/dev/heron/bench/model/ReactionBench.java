package dev.heron.bench.model;

import dev.heron.bench.BenchTenant;
import dev.heron.bench.Median;
import dev.heron.bench.ModuleProcess;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.simulator.RunningSimulator;
import dev.heron.simulator.Simulator;
import dev.heron.simulator.SimulatorConfig;
import dev.heron.simulator.World;
import dev.heron.simulator.recipients.HabitProfile;
import dev.heron.simulator.smtp.IpReputation;
import dev.heron.sql.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code bin/heron bench reaction}: a real senders process routes a steady stream of messages to
 * one provider over a pool of fresh sending IPs, the real ReputationJob (its own JVM, a local
 * MiniCluster) scores them, and the simulated provider, in this JVM, starts blocking one of the
 * IPs. Measured from that switch: when the blocked IP's score on {@code heron.ip-scores} falls
 * below the pool's others, and when the senders stop routing to it; against the floor of the first
 * refusal.
 *
 * <p>Arguments: [runs (3)] [messages per second (20)] [IPs in the pool (3)] [seconds before the
 * switch (20)] [seconds after (30)].
 */
public final class ReactionBench {
  private static final String PROVIDER = "gmail";
  private static final String DOMAIN = "gmail.test";
  private static final String BLOCK =
      "550 5.7.1 [{ip}] Our system has detected that this message is likely unsolicited mail. To"
          + " reduce the amount of spam sent to Gmail, this message has been blocked. - gsmtp";

  private ReactionBench() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int ipCount = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Duration before = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 20);
    Duration after = Duration.ofSeconds(args.length > 4 ? Long.parseLong(args[4]) : 30);
    Path repo = Path.of(System.getProperty("heron.repo", ".")).toAbsolutePath();
    Path work = Path.of(Settings.get(Settings.HOME), "bench", "reaction").toAbsolutePath();
    Files.createDirectories(work);
    PGSimpleDataSource db = new PGSimpleDataSource();
    db.setUrl(Settings.get(Settings.DB_URL));
    db.setUser(Settings.get(Settings.DB_USER));
    db.setPassword(Settings.get(Settings.DB_PASSWORD));
    Migrations.apply(db);

    SimulatorConfig base = SimulatorConfig.forTests(work, SimulatorConfig.DEFAULT_SEED);
    // Nobody opens: the recipients' HTTP fetches would only load the machine.
    World world = base.world().withHabits(new HabitProfile(0, 0, 0, 0, 0, 0, Map.of()));
    Path rules = work.resolve("shaping-rules.json");
    // No suspension rules: routing may move away from the IP only because of its score.
    Files.writeString(
        rules, "{\"limits\": [{\"provider\": \"*\", \"perSecond\": 100000, \"burst\": 100000}]}");
    System.out.printf(
        Locale.ROOT,
        "reaction benchmark: %d runs, %d messages/s to %s, %d IPs, %s before and %s after the"
            + " switch%n",
        runs,
        rate,
        PROVIDER,
        ipCount,
        before,
        after);
    List<Reaction> reactions = new ArrayList<>();
    try (RunningSimulator sim = Simulator.start(base.withWorld(world).withBouncePort(0));
        ModuleProcess job =
            ModuleProcess.streamJob(
                repo,
                "dev.heron.jobs.reputation.ReputationJob",
                Map.of(),
                work.resolve("reputation-job.log"));
        KafkaProducer<String, byte[]> producer = producer()) {
      for (int run = 1; run <= runs; run++) {
        Reaction r =
            run(repo, work, db, sim, world, job, producer, rules, rate, ipCount, before, after);
        reactions.add(r);
        System.out.printf(Locale.ROOT, "run %d: %s%n", run, describe(r));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "median of %d runs: first refusal %s s, score below the best other IP %s s, below every"
            + " other IP %s s, routing moved away %s s%n",
        runs,
        median(reactions.stream().map(Reaction::firstRefusal).toList()),
        median(reactions.stream().map(Reaction::scoreBelowBest).toList()),
        median(reactions.stream().map(Reaction::scoreBelowOthers).toList()),
        median(reactions.stream().map(Reaction::lastRouted).toList()));
  }

  private static Reaction run(
      Path repo,
      Path work,
      PGSimpleDataSource db,
      RunningSimulator sim,
      World world,
      ModuleProcess job,
      KafkaProducer<String, byte[]> producer,
      Path rules,
      int rate,
      int ipCount,
      Duration before,
      Duration after)
      throws Exception {
    BenchTenant tenant = BenchTenant.create(db, "reaction", ipCount);
    int needed = (int) (rate * (before.toSeconds() + after.toSeconds() + 120));
    BenchTenant.Campaign campaign = tenant.campaign("reaction", needed, List.of(DOMAIN));
    Map<String, String> settings =
        ModuleProcess.sendersSettings(work, sim.smtpPort(), sim.dnsPort(), tenant.tenantId, rules);
    try (ModuleProcess senders =
            ModuleProcess.senders(
                repo, settings, work.resolve("senders.log"), Duration.ofMinutes(3));
        ReactionWatch watch =
            new ReactionWatch(tenant.tenantId, Set.copyOf(tenant.ips), PROVIDER)) {
      Traffic traffic = new Traffic(producer, tenant, campaign, rate);
      traffic.start();
      try {
        // every IP scored and the stream steady before the provider changes its mind
        Instant earliest = Instant.now().plus(before);
        Instant deadline = earliest.plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(earliest)
            || watch.scores.stream().map(s -> s.score().ip()).distinct().count() < ipCount) {
          job.requireAlive();
          if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("not every IP of " + tenant.ips + " got a score");
          }
          Thread.sleep(200);
        }
        String blocked = Reaction.busiest(Instant.now(), tenant.ips, List.copyOf(watch.deliveries));
        List<String> others = tenant.ips.stream().filter(ip -> !ip.equals(blocked)).toList();
        List<IpReputation> blocking = new ArrayList<>(world.reputations());
        blocking.add(new IpReputation(blocked, PROVIDER, 1.0, BLOCK));
        Instant switchAt = Instant.now();
        sim.changeReputations(blocking);
        Thread.sleep(after.toMillis());
        traffic.stop();
        Instant end = Instant.now();
        Thread.sleep(2_000); // the last outcomes' events
        if (Boolean.getBoolean("heron.bench.timeline")) {
          printTimeline(switchAt, blocked, watch);
        }
        return Reaction.of(
            switchAt,
            end,
            blocked,
            others,
            List.copyOf(watch.scores),
            List.copyOf(watch.deliveries));
      } finally {
        traffic.stop();
        sim.changeReputations(world.reputations());
        tenant.retireIps();
      }
    }
  }

  /** Send requests at a steady rate, from a thread of their own. */
  private static final class Traffic {
    private final Thread thread;
    private volatile boolean running = true;

    Traffic(
        KafkaProducer<String, byte[]> producer,
        BenchTenant tenant,
        BenchTenant.Campaign campaign,
        int rate) {
      List<BenchTenant.Recipient> recipients = campaign.recipients();
      thread =
          new Thread(
              () -> {
                long start = System.nanoTime();
                for (int i = 0; running && i < recipients.size(); i++) {
                  long due = start + i * 1_000_000_000L / rate;
                  long wait = due - System.nanoTime();
                  if (wait > 0) {
                    try {
                      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                  BenchTenant.Recipient r = recipients.get(i);
                  producer.send(
                      new ProducerRecord<>(
                          Topics.SENDS,
                          r.recipientId().toString(),
                          WireCodec.SENDS.encode(tenant.request(campaign.id(), r))));
                }
              },
              "reaction-traffic");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join(5_000);
    }
  }

  /** Per second after the switch: the scores read and the messages sent from the blocked IP. */
  private static void printTimeline(Instant switchAt, String blocked, ReactionWatch watch) {
    for (ReactionWatch.SeenScore s : watch.scores) {
      if (!s.seenAt().isBefore(switchAt.minusSeconds(2))) {
        System.out.printf(
            Locale.ROOT,
            "  score %+.2f s %s %.3f (volume %d)%n",
            Duration.between(switchAt, s.seenAt()).toMillis() / 1000.0,
            s.score().ip(),
            s.score().score(),
            s.score().volume());
      }
    }
    Map<Long, Long> perSecond = new java.util.TreeMap<>();
    for (dev.heron.events.Event e : watch.deliveries) {
      if (blocked.equals(e.sendingIp()) && !e.occurredAt().isBefore(switchAt)) {
        perSecond.merge(Duration.between(switchAt, e.occurredAt()).toSeconds(), 1L, Long::sum);
      }
    }
    System.out.println("  events from the blocked IP by second after the switch: " + perSecond);
  }

  private static KafkaProducer<String, byte[]> producer() {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", Settings.get(Settings.KAFKA_BOOTSTRAP));
    props.put("key.serializer", StringSerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    return new KafkaProducer<>(props);
  }

  private static String describe(Reaction r) {
    return String.format(
        Locale.ROOT,
        "blocked IP's share before %.0f %%; first refusal after %s s, score below the best other"
            + " IP after %s s, below every other IP after %s s, last message routed to it after %s"
            + " s (%d messages after the switch)",
        100 * r.shareBefore(),
        seconds(r.firstRefusal()),
        seconds(r.scoreBelowBest()),
        seconds(r.scoreBelowOthers()),
        seconds(r.lastRouted()),
        r.routedAfterSwitch());
  }

  private static String seconds(Optional<Duration> d) {
    return d.map(x -> String.format(Locale.ROOT, "%.2f", x.toMillis() / 1000.0)).orElse("never");
  }

  /** The median in seconds; a run where it never happened counts as longer than any other. */
  private static String median(List<Optional<Duration>> values) {
    double m =
        Median.of(values, d -> d.map(x -> x.toMillis() / 1000.0).orElse(Double.POSITIVE_INFINITY));
    return Double.isInfinite(m) ? "never" : String.format(Locale.ROOT, "%.2f", m);
  }
}
