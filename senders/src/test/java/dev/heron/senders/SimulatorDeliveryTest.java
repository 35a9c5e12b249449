package dev.heron.senders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.BounceClass;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.SendRequest;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import dev.heron.senders.delivery.RetryPolicy;
import dev.heron.senders.world.Seed;
import dev.heron.senders.world.Teardown;
import dev.heron.senders.world.TestInfra;
import dev.heron.senders.world.TopicReader;
import dev.heron.simulator.RunningSimulator;
import dev.heron.simulator.Simulator;
import dev.heron.simulator.SimulatorConfig;
import dev.heron.simulator.Timings;
import dev.heron.simulator.smtp.DeliveryOutcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reply class against the simulated mailbox providers (their DNS over UDP, their SMTP
 * replies), checked against what the simulator itself recorded answering.
 */
class SimulatorDeliveryTest {
  @TempDir Path home;
  private RunningSimulator sim;
  private SendersEngine engine;
  private TopicReader<Event> events;
  private KafkaProducer<String, byte[]> producer;

  @AfterEach
  void stop() throws Exception {
    Teardown.closeAll(engine, events, producer, sim);
  }

  @Test
  void eachReplyClassBecomesItsOutcome() throws Exception {
    Duration never = Duration.ofHours(1); // no opens or clicks during the test
    sim =
        Simulator.start(
            SimulatorConfig.forTests(home, 7)
                .withTimings(
                    new Timings(
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        Duration.ofMillis(200),
                        never,
                        never)));
    Seed seed = new Seed(TestInfra.database());
    TestInfra.ensureTopics();
    events = TopicReader.eventsOf(seed.tenantId);
    producer = TestInfra.producer();
    engine =
        TestEngine.named("senders-sim-test", seed.tenantId)
            .deliveringTo(sim)
            .sendingFrom("127.0.0.2,127.0.0.3,127.0.0.4")
            .retrying(new RetryPolicy(3, Duration.ofMillis(300)))
            .listeningForBounces(0)
            .start();
    // The listener bound a port of its own choosing; one picked free beforehand could be taken
    // meanwhile. The simulator's late reports go there.
    sim.sendReportsTo(engine.bouncePort());

    UUID campaign = seed.campaign();
    UUID template =
        seed.template("Hello", "<p>Hi <a href=\"https://shop.heron.test/\">shop</a></p>", "Hi");
    List<String> addresses =
        List.of(
            "ann@gmail.test",
            "ok@example.test",
            "nouser@gmail.test",
            "disabled@gmail.test",
            "block@gmail.test",
            "full@yahoo.test",
            "full@gmail.test",
            "grey@icloud.test",
            "defer@gmail.test",
            "dsn@gmail.test",
            "complain@yahoo.test");
    Map<String, UUID> messages = new LinkedHashMap<>();
    for (String address : addresses) {
      Seed.Recipient r = seed.recipient(campaign, address);
      messages.put(address, r.messageId());
      SendRequest request = seed.request(campaign, r, template, Map.of());
      producer
          .send(
              new ProducerRecord<>(
                  Topics.SENDS, r.recipientId().toString(), WireCodec.SENDS.encode(request)))
          .get();
    }

    Predicate<Event> isFinal =
        e -> e.type() == EventType.DELIVERED || e.type() == EventType.BOUNCED;
    List<Event> seen =
        events.readUntil(
            all ->
                all.stream().filter(isFinal).map(Event::messageId).distinct().count() == 11
                    && all.stream().anyMatch(e -> e.type() == EventType.COMPLAINED)
                    && all.stream().filter(e -> e.type() == EventType.BOUNCED).count() == 7,
            TopicReader.PATIENCE);

    assertOutcome(seen, messages.get("ann@gmail.test"), EventType.DELIVERED, null, "gmail");
    assertOutcome(seen, messages.get("ok@example.test"), EventType.DELIVERED, null, "other");
    assertOutcome(seen, messages.get("grey@icloud.test"), EventType.DELIVERED, null, "apple");
    assertOutcome(
        seen, messages.get("nouser@gmail.test"), EventType.BOUNCED, BounceClass.HARD, "gmail");
    assertOutcome(
        seen, messages.get("disabled@gmail.test"), EventType.BOUNCED, BounceClass.HARD, "gmail");
    assertOutcome(
        seen, messages.get("block@gmail.test"), EventType.BOUNCED, BounceClass.BLOCK, "gmail");
    assertOutcome(
        seen, messages.get("full@yahoo.test"), EventType.BOUNCED, BounceClass.SOFT, "yahoo");
    assertOutcome(
        seen, messages.get("defer@gmail.test"), EventType.BOUNCED, BounceClass.SOFT, "gmail");

    // Accepted, then reported: a late DSN becomes a hard bounce, an ARF report a complaint.
    assertThat(typesOf(seen, messages.get("dsn@gmail.test")))
        .containsExactly(EventType.SENT, EventType.DELIVERED, EventType.BOUNCED);
    Event late =
        seen.stream()
            .filter(e -> e.messageId().equals(messages.get("dsn@gmail.test")))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(late.bounceClass()).isEqualTo(BounceClass.HARD);
    assertThat(late.enhancedStatus()).isEqualTo("5.1.1");
    assertThat(late.provider()).isEqualTo("gmail");
    assertThat(typesOf(seen, messages.get("complain@yahoo.test")))
        .containsExactly(EventType.SENT, EventType.DELIVERED, EventType.COMPLAINED);
    assertThat(sim.reports()).hasSize(2);

    // Greylisting passed on the retry, from the same source IP as the first try.
    List<DeliveryOutcome> grey = sim.deliveriesTo("grey@icloud.test");
    assertThat(grey).extracting(DeliveryOutcome::accepted).containsExactly(false, true);
    assertThat(grey).extracting(DeliveryOutcome::sourceIp).containsOnly(grey.get(0).sourceIp());
    // Yahoo says a full mailbox is permanent (552): a soft bounce at once. Gmail says 452: deferred
    // and retried until the tries run out.
    assertThat(sim.deliveriesTo("full@yahoo.test")).hasSize(1);
    assertThat(sim.deliveriesTo("full@gmail.test")).hasSize(3);
    assertThat(typesOf(seen, messages.get("full@gmail.test")))
        .containsExactly(EventType.SENT, EventType.DEFERRED, EventType.DEFERRED, EventType.BOUNCED);

    // The exact reply the simulator gave is the one on the event.
    messages.forEach(
        (address, messageId) -> {
          List<DeliveryOutcome> answered = sim.deliveriesTo(address);
          Event outcome =
              seen.stream()
                  .filter(e -> e.messageId().equals(messageId) && isFinal.test(e))
                  .findFirst()
                  .orElseThrow();
          assertThat(outcome.smtpResponse())
              .as(address)
              .isEqualTo(answered.get(answered.size() - 1).reply());
          assertThat(outcome.sendingIp()).isEqualTo(answered.get(answered.size() - 1).sourceIp());
        });
    assertThat(
            sim.deliveries().stream()
                .filter(DeliveryOutcome::accepted)
                .map(DeliveryOutcome::recipient))
        .containsExactlyInAnyOrder(
            "ann@gmail.test",
            "ok@example.test",
            "grey@icloud.test",
            "dsn@gmail.test",
            "complain@yahoo.test");
    assertThat(sim.deliveriesTo("ann@gmail.test").get(0).envelopeFrom())
        .isEqualTo("bounces+" + messages.get("ann@gmail.test") + "@news.heron.test");
  }

  private static List<EventType> typesOf(List<Event> seen, UUID messageId) {
    return seen.stream().filter(e -> e.messageId().equals(messageId)).map(Event::type).toList();
  }

  private static void assertOutcome(
      List<Event> seen, UUID messageId, EventType type, BounceClass bounceClass, String provider) {
    List<Event> finals =
        seen.stream()
            .filter(
                e ->
                    e.messageId().equals(messageId)
                        && (e.type() == EventType.DELIVERED || e.type() == EventType.BOUNCED))
            .toList();
    assertThat(finals).hasSize(1);
    assertThat(finals.get(0).type()).isEqualTo(type);
    assertThat(finals.get(0).bounceClass()).isEqualTo(bounceClass);
    assertThat(finals.get(0).provider()).isEqualTo(provider);
  }
}
