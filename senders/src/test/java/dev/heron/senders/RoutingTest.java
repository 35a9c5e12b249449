package dev.heron.senders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.IpScore;
import dev.heron.events.Json;
import dev.heron.events.SendRequest;
import dev.heron.events.Topics;
import dev.heron.events.WarmupState;
import dev.heron.events.WireCodec;
import dev.heron.senders.delivery.RetryPolicy;
import dev.heron.senders.world.Seed;
import dev.heron.senders.world.Teardown;
import dev.heron.senders.world.TestInfra;
import dev.heron.senders.world.TopicReader;
import dev.heron.simulator.RunningSimulator;
import dev.heron.simulator.Simulator;
import dev.heron.simulator.SimulatorConfig;
import dev.heron.simulator.smtp.DeliveryOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing follows the live picture on the compacted topics: the simulator's Outlook blocks
 * 127.0.0.5, Heron's score for it there is low, and 127.0.0.6's warmup is paused, so every message
 * leaves from 127.0.0.2.
 */
class RoutingTest {
  private static final String BAD = "127.0.0.5";
  private static final String PAUSED = "127.0.0.6";
  private static final String GOOD = "127.0.0.2";

  @TempDir Path home;
  private RunningSimulator sim;
  private SendersEngine engine;
  private TopicReader<Event> events;
  private KafkaProducer<String, byte[]> producer;

  @AfterEach
  void stop() throws Exception {
    if (producer != null) {
      // Leave no picture behind for other tests on the shared topics.
      producer.send(new ProducerRecord<>(Topics.IP_SCORES, IpScore.key(BAD, "outlook"), null));
      producer.send(new ProducerRecord<>(Topics.IP_SCORES, IpScore.key(GOOD, "outlook"), null));
      producer.send(new ProducerRecord<>(Topics.IP_SCORES, IpScore.key(PAUSED, "yahoo"), null));
      producer.send(new ProducerRecord<>(Topics.IP_SCORES, IpScore.key(GOOD, "yahoo"), null));
      producer.send(new ProducerRecord<>(Topics.WARMUP, PAUSED, null));
      producer.flush();
    }
    Teardown.closeAll(engine, events, producer, sim);
  }

  @Test
  void aProviderThatSaysTss04SuspendsTheIpThereAndItsMessagesMoveToAnother() throws Exception {
    Seed seed = startWorld(13);
    UUID tenant = seed.tenantId;
    scorePausedAboveGoodAtYahoo();
    engine = engineFor(tenant, PAUSED + "," + GOOD, 3).start();
    int count = 20;
    sendTo(seed, "yahoo.test", count);

    var seen =
        events.readUntil(
            all -> all.stream().filter(e -> e.type() == EventType.DELIVERED).count() == count,
            TopicReader.PATIENCE);

    var fromSuspended = sim.deliveries().stream().filter(d -> d.sourceIp().equals(PAUSED)).toList();
    var firstRefusal =
        fromSuspended.stream()
            .filter(d -> !d.accepted())
            .map(DeliveryOutcome::at)
            .min(Instant::compareTo);
    assertThat(firstRefusal).as("the simulator refused some of 127.0.0.6's mail").isPresent();
    assertThat(fromSuspended).filteredOn(d -> d.at().isAfter(firstRefusal.get())).isEmpty();
    assertThat(seen).filteredOn(e -> e.type() == EventType.BOUNCED).isEmpty();
  }

  @Test
  void aSuspensionLiftsAfterItsDurationAndTheIpIsUsedAgain() throws Exception {
    Seed seed = startWorld(13);
    UUID tenant = seed.tenantId;
    scorePausedAboveGoodAtYahoo();
    // Yahoo's TSS04 suspends an IP there for 2 seconds only.
    Duration suspension = Duration.ofSeconds(2);
    Path rules = home.resolve("short-suspension.json");
    Files.writeString(
        rules,
        "{\"limits\": [{\"provider\": \"*\", \"perSecond\": 1000, \"burst\": 1000}],"
            + " \"rules\": [{\"provider\": \"yahoo\", \"pattern\": \"TSS04\","
            + " \"action\": \"suspend\", \"duration\": \""
            + suspension
            + "\"}]}");
    engine = engineFor(tenant, PAUSED + "," + GOOD, 3).shapingRules(rules.toString()).start();
    sendTo(seed, "early", "yahoo.test", 20);
    events.readUntil(
        all -> all.stream().filter(e -> e.type() == EventType.DELIVERED).count() == 20,
        TopicReader.PATIENCE);
    // The sender suspended the IP when it read the refusal, after the simulator made it and before
    // the refused message was delivered again: before now, then.
    Instant allDeliveredBy = Instant.now();
    Instant firstRefusal =
        sim.deliveries().stream()
            .filter(d -> d.sourceIp().equals(PAUSED) && !d.accepted())
            .map(DeliveryOutcome::at)
            .min(Instant::compareTo)
            .orElseThrow(() -> new AssertionError("the simulator refused none of " + PAUSED));

    // While suspended, nothing leaves from the IP at Yahoo.
    assertThat(sim.deliveries())
        .filteredOn(d -> d.sourceIp().equals(PAUSED))
        .filteredOn(d -> d.at().isAfter(firstRefusal))
        .filteredOn(d -> d.at().isBefore(firstRefusal.plus(suspension).minusMillis(200)))
        .isEmpty();
    // Once lifted, the best-scoring IP is used again. The suspension ends its duration after the
    // sender read the refusal, which on a loaded machine can be well after the simulator made it:
    // wait for the later of the two bounds.
    Instant lifted =
        Collections.max(
            List.of(
                firstRefusal.plus(suspension).plusMillis(500),
                allDeliveredBy.plus(suspension).plusMillis(100)));
    while (Instant.now().isBefore(lifted)) {
      Thread.sleep(50);
    }
    sendTo(seed, "late", "yahoo.test", 20);
    events.readUntil(
        all -> all.stream().filter(e -> e.type() == EventType.DELIVERED).count() == 40,
        TopicReader.PATIENCE);
    assertThat(sim.deliveries())
        .filteredOn(d -> d.sourceIp().equals(PAUSED) && d.at().isAfter(lifted))
        .isNotEmpty();
  }

  /**
   * The simulator (its seed picks the world's draws), a producer for the compacted topics and the
   * sends, and a new tenant whose events are read from now on.
   */
  private Seed startWorld(long simulatorSeed) throws Exception {
    TestInfra.ensureTopics();
    sim = Simulator.start(SimulatorConfig.forTests(home, simulatorSeed));
    producer = TestInfra.producer();
    Seed seed = new Seed(TestInfra.database());
    events = TopicReader.eventsOf(seed.tenantId);
    return seed;
  }

  /**
   * The simulator's Yahoo defers half of 127.0.0.6's recipients with TSS04. Heron thinks well of
   * 127.0.0.6 there, so it is used first, until Yahoo's reply suspends it.
   */
  private void scorePausedAboveGoodAtYahoo() {
    Instant now = Instant.now();
    publish(Topics.IP_SCORES, new IpScore(PAUSED, "yahoo", now, 5000, 0.99, 0, 0, 0, 0.99));
    publish(Topics.IP_SCORES, new IpScore(GOOD, "yahoo", now, 5000, 0.9, 0, 0, 0, 0.5));
    producer.flush();
  }

  /**
   * The tenant's engine, sending to the simulator from {@code ips}, {@code attempts} tries each.
   */
  private TestEngine engineFor(UUID tenant, String ips, int attempts) {
    return TestEngine.named("senders-routing-test", tenant)
        .deliveringTo(sim)
        .sendingFrom(ips)
        .retrying(new RetryPolicy(attempts, Duration.ofMillis(100)));
  }

  private void sendTo(Seed seed, String domain, int count) throws Exception {
    sendTo(seed, "reader", domain, count);
  }

  private void sendTo(Seed seed, String prefix, String domain, int count) throws Exception {
    UUID campaign = seed.campaign();
    UUID template = seed.template("Hi", null, "Hello");
    for (int i = 0; i < count; i++) {
      Seed.Recipient r = seed.recipient(campaign, prefix + i + "@" + domain);
      SendRequest request = seed.request(campaign, r, template, Map.of());
      producer.send(
          new ProducerRecord<>(
              Topics.SENDS, r.recipientId().toString(), WireCodec.SENDS.encode(request)));
    }
    producer.flush();
  }

  @Test
  void messagesAvoidALowScoringIpAndAPausedOne() throws Exception {
    Seed seed = startWorld(11);
    UUID tenant = seed.tenantId;
    Instant now = Instant.now();
    publish(Topics.IP_SCORES, new IpScore(BAD, "outlook", now, 5000, 0.4, 0.6, 0, 0, 0.05));
    publish(Topics.IP_SCORES, new IpScore(GOOD, "outlook", now, 5000, 0.99, 0.01, 0, 0, 0.89));
    publish(
        Topics.WARMUP,
        new WarmupState(PAUSED, LocalDate.now(), 4, 100, 40, true, "bounce rate 4.1%", now));
    producer.flush();

    engine = engineFor(tenant, BAD + "," + PAUSED + "," + GOOD, 1).start();
    int count = 6;
    sendTo(seed, "outlook.test", count);

    var seen =
        events.readUntil(
            all -> all.stream().filter(e -> e.type() != EventType.SENT).count() == count,
            TopicReader.PATIENCE);

    assertThat(seen)
        .filteredOn(e -> e.type() != EventType.SENT)
        .allSatisfy(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.DELIVERED);
              assertThat(e.sendingIp()).isEqualTo(GOOD);
              assertThat(e.provider()).isEqualTo("outlook");
            });
    assertThat(sim.deliveries()).extracting(DeliveryOutcome::sourceIp).containsOnly(GOOD);
  }

  private void publish(String topic, IpScore score) {
    producer.send(new ProducerRecord<>(topic, score.key(), Json.write(score)));
  }

  private void publish(String topic, WarmupState state) {
    producer.send(new ProducerRecord<>(topic, state.ip(), Json.write(state)));
  }
}
