package dev.heron.bench.send;

import ch.qos.logback.classic.Level;
import dev.heron.bench.BenchTenant;
import dev.heron.bench.CpuTime;
import dev.heron.bench.Median;
import dev.heron.bench.ModuleProcess;
import dev.heron.events.Decoded;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.SendRequest;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.simulator.RunningSimulator;
import dev.heron.simulator.Simulator;
import dev.heron.simulator.SimulatorConfig;
import dev.heron.simulator.recipients.HabitProfile;
import dev.heron.simulator.smtp.DeliveryOutcome;
import dev.heron.sql.Migrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/heron bench send}: messages per second from {@code heron.sends} to accepted by the
 * simulated providers, through a real senders process (render, tracking links, DKIM, routing, SMTP,
 * outcome events), against the baseline of the same messages over the same connections with no
 * Heron processing. Runs alternate, so that both see the same machine; medians are printed.
 *
 * <p>Arguments: [messages per run (20000)] [runs (3)] [sending IPs (3)] [signature: rsa (a 2048-bit
 * rsa-sha256 key, the default) or ed25519 (ed25519-sha256, RFC 8463)] [messages per SMTP connection
 * (100), for the sender's shaping rules and the baseline alike: the simulated providers set no
 * limit].
 */
public final class SendBench {
  private static final Duration STALL = Duration.ofSeconds(90);

  /**
   * The sender's CPU a message stepped down by a fifth after about 100,000 messages (the JIT's late
   * work) while the rounds before had held within a few per cent: the warm-up sends at least this
   * many messages.
   */
  private static final int LEAST_WARMUP_MESSAGES = 120_000;

  private static final int MOST_WARMUP_MESSAGES = 200_000;

  /**
   * After its least, the warm-up ends when {@link #SETTLED_STEPS} rounds in a row brought the
   * sender's CPU a message no lower than this share below the lowest before them.
   */
  private static final double WARM_WITHIN = 0.05;

  private static final int SETTLED_STEPS = 2;

  /** Enough for a figure that holds still between rounds; bounds the warm-up of long runs. */
  private static final int MOST_PER_WARMUP_ROUND = 10_000;

  private final Path work;
  private final RunningSimulator sim;
  private final BenchTenant tenant;
  private final ModuleProcess sender;
  private final KafkaProducer<String, byte[]> producer;
  private final OutcomeWatch outcomes;
  private final int perConnection;

  private SendBench(
      Path work,
      RunningSimulator sim,
      BenchTenant tenant,
      ModuleProcess sender,
      KafkaProducer<String, byte[]> producer,
      OutcomeWatch outcomes,
      int perConnection) {
    this.work = work;
    this.sim = sim;
    this.tenant = tenant;
    this.sender = sender;
    this.producer = producer;
    this.outcomes = outcomes;
    this.perConnection = perConnection;
  }

  /** One Heron run and its baseline. */
  record Result(
      int messages,
      double heronSeconds,
      double eventsSeconds,
      double senderCpuSeconds,
      double benchJvmCpuSeconds,
      double machineCpuSeconds,
      double baselineSeconds,
      double baselineMachineCpuSeconds,
      int connections) {
    double heronRate() {
      return messages / heronSeconds;
    }

    double baselineRate() {
      return messages / baselineSeconds;
    }

    double ratio() {
      return heronRate() / baselineRate();
    }

    /** Milliseconds of the whole machine's CPU one message took on Heron's path. */
    double machineMillisPerMessage() {
      return 1000 * machineCpuSeconds / messages;
    }

    double baselineMachineMillisPerMessage() {
      return 1000 * baselineMachineCpuSeconds / messages;
    }

    double senderMillisPerMessage() {
      return 1000 * senderCpuSeconds / messages;
    }

    /**
     * This JVM's share: the simulated providers (most of it), the requests' producer, the watches.
     */
    double benchJvmMillisPerMessage() {
      return 1000 * benchJvmCpuSeconds / messages;
    }

    /** The broker, the database and anything else the machine ran. */
    double restMillisPerMessage() {
      return machineMillisPerMessage() - senderMillisPerMessage() - benchJvmMillisPerMessage();
    }
  }

  public static void main(String[] args) throws Exception {
    quietLogs();
    // Jakarta Mail otherwise asks the ServiceLoader for its stream provider on every parse.
    System.setProperty(
        "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
    int messages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int ipCount = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    BenchSignature signature = BenchSignature.of(args.length > 3 ? args[3] : "rsa");
    int perConnection = args.length > 4 ? Integer.parseInt(args[4]) : 100;
    Path repo = Path.of(System.getProperty("heron.repo", ".")).toAbsolutePath();
    Path work = Path.of(Settings.get(Settings.HOME), "bench", "send").toAbsolutePath();
    deleteTree(work);
    Files.createDirectories(work);

    PGSimpleDataSource db = new PGSimpleDataSource();
    db.setUrl(Settings.get(Settings.DB_URL));
    db.setUser(Settings.get(Settings.DB_USER));
    db.setPassword(Settings.get(Settings.DB_PASSWORD));
    Migrations.apply(db);
    BenchTenant tenant = BenchTenant.create(db, "send", ipCount, signature.newKey());
    // The sender's JIT compiles for minutes on two shared cores (C2 was still a third of its CPU
    // after 30,000 messages, and its CPU a message stepped down by a fifth after 100,000): warm-up
    // rounds of a run's size (at most MOST_PER_WARMUP_ROUND) go on until the sender's CPU a message
    // settles (see warmUp), as a sender that has run for a while is what the target is about. Left
    // out of the medians.
    int warmupRound = Math.min(messages, MOST_PER_WARMUP_ROUND);
    int warmupMost = MOST_WARMUP_MESSAGES + warmupRound;
    SimulatorConfig base = SimulatorConfig.forTests(work, SimulatorConfig.DEFAULT_SEED);
    RunningSimulator sim =
        Simulator.start(
            new SimulatorConfig(
                base.bindAddress(),
                0,
                0,
                work,
                base.bounceHost(),
                base.bouncePort(),
                base.seed(),
                // Nobody opens: the recipients' HTTP fetches would only add load to the machine.
                base.world().withHabits(new HabitProfile(0, 0, 0, 0, 0, 0, Map.of())),
                base.clock(),
                2 * (warmupMost + messages * runs)));
    Path rules = work.resolve("shaping-rules.json");
    // The providers' pacing would measure the rules, not the engine: limits above any rate here.
    Files.writeString(
        rules,
        "{\"limits\": [{\"provider\": \"*\", \"perSecond\": 100000, \"burst\": 100000,"
            + " \"messagesPerConnection\": "
            + perConnection
            + "}]}");
    Map<String, String> settings =
        ModuleProcess.sendersSettings(work, sim.smtpPort(), sim.dnsPort(), tenant.tenantId, rules);

    System.out.printf(
        Locale.ROOT,
        "send benchmark: %d messages a run, %d runs, %d sending IPs, DKIM %s, %d messages per"
            + " connection, sender %s; load %s%n",
        messages,
        runs,
        ipCount,
        signature.tag(),
        perConnection,
        ModuleProcess.SENDERS_HEAP,
        loadAverage());
    try (ModuleProcess sender =
            ModuleProcess.senders(
                repo, settings, work.resolve("sender.log"), Duration.ofSeconds(180));
        KafkaProducer<String, byte[]> producer = producer();
        OutcomeWatch outcomes = new OutcomeWatch(tenant.tenantId)) {
      SendBench bench = new SendBench(work, sim, tenant, sender, producer, outcomes, perConnection);
      bench.warmUp(warmupRound);
      List<Result> results = new ArrayList<>();
      for (int i = 1; i <= runs; i++) {
        Result r = bench.run("run" + i, messages);
        results.add(r);
        System.out.printf(Locale.ROOT, "run %d: %s%n", i, describe(r));
      }
      System.out.printf(
          Locale.ROOT,
          "median: heron %.0f msg/s, baseline %.0f msg/s, ratio %.2f (runs %s); the machine's CPU"
              + " a message: heron %.2f ms (the sender %.2f, the simulator and this bench %.2f, the"
              + " broker, the database and the rest %.2f), baseline %.2f ms; load %s%n",
          Median.of(results, Result::heronRate),
          Median.of(results, Result::baselineRate),
          Median.of(results, Result::ratio),
          results.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.ratio())).toList(),
          Median.of(results, Result::machineMillisPerMessage),
          Median.of(results, Result::senderMillisPerMessage),
          Median.of(results, Result::benchJvmMillisPerMessage),
          Median.of(results, Result::restMillisPerMessage),
          Median.of(results, Result::baselineMachineMillisPerMessage),
          loadAverage());
      double rsa = SignatureCost.rsa2048Millis(200);
      double ed25519 = SignatureCost.ed25519Millis(2_000);
      System.out.printf(
          Locale.ROOT,
          "DKIM: one signature takes %.2f ms with rsa-sha256 (2048-bit key), %.3f ms with"
              + " ed25519-sha256 here now: at most %.0f and %.0f signed messages/s per core; load"
              + " %s%n",
          rsa,
          ed25519,
          1000 / rsa,
          1000 / ed25519,
          loadAverage());
    } finally {
      sim.close();
      tenant.retireIps();
    }
  }

  /**
   * Warm-up rounds of {@code messages}: at least {@link #LEAST_WARMUP_MESSAGES} in all, then until
   * the sender's CPU a message settles (see {@link #settled}), at most {@link
   * #MOST_WARMUP_MESSAGES}. Its CPU, not the rate: the rate moves with whatever else the two cores
   * run, the CPU a message with what the JIT has compiled.
   */
  private void warmUp(int messages) throws Exception {
    List<Double> senderMillis = new ArrayList<>();
    int sent = 0;
    for (int round = 1; sent < MOST_WARMUP_MESSAGES; round++) {
      Result r = run("warmup" + round, messages);
      sent += messages;
      System.out.printf(Locale.ROOT, "warm-up %d: %s%n", round, describe(r));
      senderMillis.add(r.senderMillisPerMessage());
      if (sent >= LEAST_WARMUP_MESSAGES && settled(senderMillis, SETTLED_STEPS, WARM_WITHIN)) {
        return;
      }
    }
    System.out.printf(
        Locale.ROOT,
        "warm-up: not settled after %d messages; measuring anyway%n",
        MOST_WARMUP_MESSAGES);
  }

  /**
   * Whether the last {@code steps} values came no lower than {@code share} below the lowest before
   * them: noise moves the figure both ways, the JIT only down.
   */
  private static boolean settled(List<Double> values, int steps, double share) {
    if (values.size() <= steps) {
      return false;
    }
    List<Double> before = values.subList(0, values.size() - steps);
    List<Double> last = values.subList(values.size() - steps, values.size());
    double lowestBefore = before.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double lowestLast = last.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    return lowestLast >= (1 - share) * lowestBefore;
  }

  private static String describe(Result r) {
    return String.format(
        Locale.ROOT,
        "heron %.0f msg/s (%.1f s to accepted, %.1f s to every outcome event, sender CPU %.1f s,"
            + " machine CPU %.2f ms a message), baseline %.0f msg/s (%.1f s, %d connections,"
            + " machine CPU %.2f ms a message), ratio %.2f",
        r.heronRate(),
        r.heronSeconds(),
        r.eventsSeconds(),
        r.senderCpuSeconds(),
        r.machineMillisPerMessage(),
        r.baselineRate(),
        r.baselineSeconds(),
        r.connections(),
        r.baselineMachineMillisPerMessage(),
        r.ratio());
  }

  private Result run(String label, int count) throws Exception {
    BenchTenant.Campaign campaign = tenant.campaign(label, count);
    List<byte[]> requests = new ArrayList<>(count);
    Set<String> messageIds = new HashSet<>();
    for (BenchTenant.Recipient r : campaign.recipients()) {
      SendRequest request = tenant.request(campaign.id(), r);
      requests.add(WireCodec.SENDS.encode(request));
      messageIds.add(r.messageId() + "@" + BenchTenant.IDENTITY);
    }
    outcomes.expect(campaign.recipients().stream().map(BenchTenant.Recipient::messageId).toList());
    AcceptanceWatch acceptance = new AcceptanceWatch(sim, messageIds);
    double cpuBefore = sender.cpuSeconds();
    double benchJvmBefore = CpuTime.ofProcess(ProcessHandle.current());
    double machineBefore = CpuTime.ofMachine();
    Instant start = Instant.now();
    for (int i = 0; i < count; i++) {
      BenchTenant.Recipient r = campaign.recipients().get(i);
      producer.send(
          new ProducerRecord<>(Topics.SENDS, r.recipientId().toString(), requests.get(i)));
    }
    producer.flush();
    List<DeliveryOutcome> accepted =
        acceptance.await(
            STALL,
            "the sender's log " + sender.log(),
            () -> {
              sender.requireAlive();
              return false;
            });
    Instant last = accepted.stream().map(DeliveryOutcome::at).max(Instant::compareTo).orElseThrow();
    Instant eventsDone = outcomes.awaitAll(STALL);
    double cpu = sender.cpuSeconds() - cpuBefore;
    double machine = CpuTime.ofMachine() - machineBefore;
    double benchJvm = CpuTime.ofProcess(ProcessHandle.current()) - benchJvmBefore;

    Map<String, String> helo = new HashMap<>();
    for (int i = 0; i < tenant.ips.size(); i++) {
      helo.put(tenant.ips.get(i), "mta" + (i + 1) + "." + BenchTenant.IDENTITY);
    }
    SmtpBaseline baseline = new SmtpBaseline(sim.smtpPort(), accepted, helo, perConnection);
    // The baseline's messages carry the same Message-IDs: the same wait, at the same cost.
    double baselineMachineBefore = CpuTime.ofMachine();
    double baselineSeconds = baseline.run(new AcceptanceWatch(sim, messageIds), STALL);
    double baselineMachine = CpuTime.ofMachine() - baselineMachineBefore;
    emptyMailboxes();
    return new Result(
        count,
        Duration.between(start, last).toNanos() / 1e9,
        Duration.between(start, eventsDone).toNanos() / 1e9,
        cpu,
        benchJvm,
        machine,
        baselineSeconds,
        baselineMachine,
        baseline.connections());
  }

  /**
   * Empties the simulated mailboxes after a run (not timed): every run writes to new recipients, so
   * they would otherwise keep every message of the invocation on disk (gigabytes) until the next
   * invocation deletes them.
   */
  private void emptyMailboxes() throws java.io.IOException {
    Path root = sim.mailDirectory();
    try (var recipients = Files.list(root)) {
      for (Path recipient : recipients.toList()) {
        deleteTree(recipient);
      }
    }
  }

  private static KafkaProducer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            Settings.get(Settings.KAFKA_BOOTSTRAP),
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /** Reads {@code heron.events} from its end, noting when each expected message's outcome came. */
  private static final class OutcomeWatch implements AutoCloseable {
    private final UUID tenant;
    private final Map<UUID, Instant> pending = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Instant lastOutcome = Instant.MIN;

    OutcomeWatch(UUID tenant) {
      this.tenant = tenant;
      KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  Settings.get(Settings.KAFKA_BOOTSTRAP),
                  ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                  false),
              new ByteArrayDeserializer(),
              new ByteArrayDeserializer());
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.EVENTS).stream()
              .map(p -> new TopicPartition(Topics.EVENTS, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      this.thread =
          new Thread(
              () -> {
                try (consumer) {
                  while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                      if (WireCodec.EVENTS.decode(r.value()) instanceof Decoded.Valid<Event> v
                          && tenant.equals(v.value().tenantId())
                          && v.value().type() == EventType.DELIVERED
                          && pending.remove(v.value().messageId()) != null) {
                        lastOutcome = Instant.now();
                      }
                    }
                  }
                }
              },
              "outcome-watch");
      thread.setDaemon(true);
      thread.start();
    }

    void expect(List<UUID> messageIds) {
      messageIds.forEach(id -> pending.put(id, Instant.now()));
    }

    /** When the last expected outcome event was read. */
    Instant awaitAll(Duration stall) throws InterruptedException {
      int left = pending.size();
      Instant progressAt = Instant.now();
      while (!pending.isEmpty()) {
        if (pending.size() < left) {
          left = pending.size();
          progressAt = Instant.now();
        } else if (Instant.now().isAfter(progressAt.plus(stall))) {
          throw new IllegalStateException(left + " outcome events never came on heron.events");
        }
        Thread.sleep(50);
      }
      return lastOutcome;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(5_000);
    }
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static void quietLogs() {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(Level.WARN);
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
