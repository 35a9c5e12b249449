package dev.heron.senders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.SendRequest;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.senders.kafka.DeliveryLoop;
import dev.heron.senders.world.Seed;
import dev.heron.senders.world.SenderProcess;
import dev.heron.senders.world.Teardown;
import dev.heron.senders.world.TestInfra;
import dev.heron.senders.world.TopicReader;
import dev.heron.simulator.RunningSimulator;
import dev.heron.simulator.Simulator;
import dev.heron.simulator.SimulatorConfig;
import dev.heron.simulator.recipients.HabitProfile;
import dev.heron.simulator.smtp.DeliveryOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kill -9 of a sender process in the middle of a campaign, then a restart: every recipient gets
 * exactly one message, except at most those the dead sender had in flight, and every message's
 * outcome event is on {@code heron.events}.
 *
 * <p>The campaign has {@value #DEFAULT_RECIPIENTS} recipients here, to keep the suite short; {@code
 * bin/heron bench crash} runs the same drill with 50,000 ({@code -Dheron.crash.recipients}).
 */
class SenderCrashIT {
  private static final Logger LOG = LoggerFactory.getLogger(SenderCrashIT.class);
  static final int DEFAULT_RECIPIENTS = 1_000;

  /** The slowest rate the drill waits for (messages per second), on a heavily shared machine. */
  private static final int SLOWEST_RATE = 25;

  private static final List<String> DOMAINS =
      List.of("gmail.test", "outlook.test", "yahoo.test", "icloud.test", "example.test");
  private static final Duration LEASE = Duration.ofSeconds(5);

  /** The most the delivery loop claims at once: its batches under way, each of max.poll.records. */
  private static final int MOST_IN_FLIGHT = DeliveryLoop.MOST_IN_FLIGHT;

  @TempDir Path home;
  private RunningSimulator sim;
  private SenderProcess sender;
  private TopicReader<Event> events;
  private Seed seed;
  private List<String> ips;

  @AfterEach
  void stop() throws Exception {
    Teardown.closeAll(sender, events, sim);
    if (seed != null && ips != null) {
      seed.retireIps(ips);
    }
  }

  @Test
  void aKilledSenderLosesNoOutcomeAndResendsAtMostWhatWasInFlight() throws Exception {
    int count = Integer.getInteger("heron.crash.recipients", DEFAULT_RECIPIENTS);
    DataSource db = TestInfra.database();
    TestInfra.ensureTopics();
    seed = new Seed(db);
    UUID tenant = seed.tenantId;
    ips = ownLoopbackIps(3);
    seed.pooledIdentity("news.heron.test", ips);
    UUID campaign = seed.campaign();
    UUID template =
        seed.template(
            "News for {{name}}",
            "<p>Hi {{name}}, <a href=\"https://shop.heron.test/sale\">the sale</a></p>",
            "Hi {{name}}");
    List<Seed.Recipient> recipients = seed.recipients(campaign, "crash", count, DOMAINS);
    assertThat(recipients).hasSize(count);

    SimulatorConfig base = SimulatorConfig.forTests(home, 11);
    sim =
        Simulator.start(
            new SimulatorConfig(
                base.bindAddress(),
                0,
                0,
                home,
                base.bounceHost(),
                base.bouncePort(),
                base.seed(),
                base.world().withHabits(new HabitProfile(0, 0, 0, 0, 0, 0, Map.of())),
                base.clock(),
                3 * count));
    events = TopicReader.eventsOf(tenant);
    Path rules = home.resolve("shaping-rules.json");
    // Shaping is not what this drill is about: limits far above what the machine can send.
    Files.writeString(
        rules, "{\"limits\": [{\"provider\": \"*\", \"perSecond\": 100000, \"burst\": 100000}]}");
    Map<String, String> settings = new HashMap<>();
    settings.put(Settings.DB_URL, Settings.get(Settings.DB_URL));
    settings.put(Settings.DB_USER, Settings.get(Settings.DB_USER));
    settings.put(Settings.DB_PASSWORD, Settings.get(Settings.DB_PASSWORD));
    settings.put(Settings.KAFKA_BOOTSTRAP, TestInfra.kafka());
    settings.put(Settings.HOME, home.toString());
    settings.put(Settings.SMTP_PORT, Integer.toString(sim.smtpPort()));
    settings.put(Settings.DNS_SERVER, "127.0.0.1:" + sim.dnsPort());
    settings.put(Settings.BOUNCE_PORT, "0");
    settings.put(Settings.PUBLIC_URL, "https://track.heron.test");
    settings.put(Settings.SENDERS_TENANTS, tenant.toString());
    settings.put(Settings.CLAIM_LEASE_SECONDS, Long.toString(LEASE.toSeconds()));
    settings.put(Settings.SHAPING_RULES, rules.toString());
    Path log = home.resolve("sender.log");
    sender = SenderProcess.start(settings, log, Duration.ofSeconds(90));

    Instant started = Instant.now();
    publish(tenant, campaign, template, recipients);
    // Half way through the campaign, the sender dies.
    awaitAccepted(count / 2, patience(count / 2));
    sender.kill();
    Instant killedAt = Instant.now();
    Set<UUID> unfinished = unfinishedClaims(db, tenant);
    long acceptedAtKill = sim.deliveries().stream().filter(DeliveryOutcome::accepted).count();
    LOG.info(
        "killed the sender after {} accepted messages; {} claimed messages had no outcome",
        acceptedAtKill,
        unfinished.size());

    sender = SenderProcess.start(settings, log, Duration.ofSeconds(90));
    Map<UUID, Seed.Recipient> byMessage =
        recipients.stream().collect(Collectors.toMap(Seed.Recipient::messageId, r -> r));
    List<Event> seen =
        events.readUntil(
            all ->
                all.stream()
                        .filter(e -> e.type() == EventType.DELIVERED)
                        .map(Event::messageId)
                        .distinct()
                        .count()
                    >= count,
            patience(count));
    Duration took = Duration.between(started, Instant.now());

    // At the simulator: one message per recipient, a second only for one the dead sender had
    // claimed without recording its outcome.
    Map<String, Long> accepted =
        sim.deliveries().stream()
            .filter(DeliveryOutcome::accepted)
            .collect(Collectors.groupingBy(DeliveryOutcome::recipient, Collectors.counting()));
    Set<String> inFlightAtKill = new HashSet<>();
    unfinished.forEach(id -> inFlightAtKill.add(byMessage.get(id).address()));
    Map<String, Long> twice =
        accepted.entrySet().stream()
            .filter(e -> e.getValue() > 1)
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    LOG.info(
        "{} recipients in {} s ({} msg/s); {} got a second copy, of {} unfinished at the kill",
        count,
        took.toSeconds(),
        count * 1000L / Math.max(1, took.toMillis()),
        twice.size(),
        unfinished.size());
    long withOutcome =
        seen.stream()
            .filter(e -> e.type() == EventType.DELIVERED)
            .map(Event::messageId)
            .distinct()
            .count();
    // The figures bin/heron bench crash records in docs/benchmarks.md.
    LOG.info(
        "crash drill figures: recipients={} accepted-at-kill={} in-flight-at-kill={}"
            + " duplicates={} recipients-without-message={} missing-outcome-events={} seconds={}",
        count,
        acceptedAtKill,
        unfinished.size(),
        twice.size(),
        count - accepted.size(),
        count - withOutcome,
        took.toSeconds());
    assertThat(accepted).hasSize(count);
    assertThat(twice.values()).allMatch(n -> n == 2);
    assertThat(inFlightAtKill).containsAll(twice.keySet());
    assertThat(unfinished.size()).isLessThanOrEqualTo(MOST_IN_FLIGHT);
    // Each second copy's first went out before the kill.
    Map<String, Instant> firstAccepted =
        sim.deliveries().stream()
            .filter(DeliveryOutcome::accepted)
            .collect(
                Collectors.toMap(
                    DeliveryOutcome::recipient,
                    DeliveryOutcome::at,
                    (a, b) -> a.isBefore(b) ? a : b));
    assertThat(twice.keySet()).allMatch(r -> !firstAccepted.get(r).isAfter(killedAt));

    // On heron.events: every message's SENT and DELIVERED, each event id once.
    Map<UUID, Map<EventType, Long>> typesByMessage =
        seen.stream()
            .collect(
                Collectors.toMap(
                    Event::eventId, Function.identity(), (a, b) -> a)) // consumers de-duplicate
            .values()
            .stream()
            .collect(
                Collectors.groupingBy(
                    Event::messageId, Collectors.groupingBy(Event::type, Collectors.counting())));
    assertThat(typesByMessage).hasSize(count);
    assertThat(typesByMessage.values())
        .allMatch(t -> t.equals(Map.of(EventType.SENT, 1L, EventType.DELIVERED, 1L)));
    assertThat(pendingRetries(db, tenant)).isZero();
  }

  /** How long to wait for some messages: at least 2 minutes, more for a large campaign. */
  private static Duration patience(int messages) {
    return Duration.ofSeconds(Math.max(120, messages / SLOWEST_RATE));
  }

  private void publish(UUID tenant, UUID campaign, UUID template, List<Seed.Recipient> recipients) {
    try (KafkaProducer<String, byte[]> producer =
        TestInfra.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 20))) {
      for (Seed.Recipient r : recipients) {
        SendRequest request =
            seed.request(
                campaign,
                r,
                template,
                Map.of("name", r.address().substring(0, r.address().indexOf('@'))));
        producer.send(
            new ProducerRecord<>(
                Topics.SENDS, r.recipientId().toString(), WireCodec.SENDS.encode(request)));
      }
      producer.flush();
    }
  }

  private void awaitAccepted(int atLeast, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (sim.deliveries().stream().filter(DeliveryOutcome::accepted).count() < atLeast) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "fewer than " + atLeast + " messages accepted in " + timeout + ": " + sender.tail());
      }
      Thread.sleep(20);
    }
  }

  /** Claims of the tenant with no outcome recorded. */
  private static Set<UUID> unfinishedClaims(DataSource db, UUID tenant) throws Exception {
    Set<UUID> ids = new HashSet<>();
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT message_id FROM message_claims WHERE tenant_id = ? AND outcome IS NULL")) {
      s.setObject(1, tenant);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getObject(1, UUID.class));
        }
      }
    }
    return ids;
  }

  private static int pendingRetries(DataSource db, UUID tenant) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM message_retries WHERE tenant_id = ?")) {
      s.setObject(1, tenant);
      try (ResultSet row = s.executeQuery()) {
        row.next();
        return row.getInt(1);
      }
    }
  }

  /** Loopback source addresses outside the simulator's named ones, unlikely to be anyone else's. */
  private static List<String> ownLoopbackIps(int n) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String prefix = "127." + (100 + random.nextInt(150)) + "." + random.nextInt(1, 255) + ".";
    return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).toList();
  }
}
