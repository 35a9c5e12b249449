package dev.heron.simulator.recipients;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.TrackingLinks;
import dev.heron.simulator.RunningSimulator;
import dev.heron.simulator.Simulator;
import dev.heron.simulator.SimulatorConfig;
import dev.heron.simulator.SmtpClient;
import dev.heron.simulator.TestPorts;
import dev.heron.simulator.TestTimes;
import dev.heron.simulator.Timings;
import dev.heron.simulator.World;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recipients open and click through real HTTP, exactly as their hidden habits say: the test knows
 * the plans (the same seed and clock) and checks that the tracking endpoints saw those requests and
 * no others.
 */
class RecipientsTest {
  private static final Instant NOW = Instant.parse("2025-03-04T09:00:00Z");
  private static final Duration OPEN_MAX = Duration.ofMillis(200);
  private static final Duration CLICK_MAX = Duration.ofMillis(150);

  @TempDir java.nio.file.Path home;
  private TrackingEndpoints endpoints;
  private RunningSimulator simulator;

  @BeforeEach
  void start() throws Exception {
    endpoints = new TrackingEndpoints(TestPorts.free());
  }

  private void startSimulator(double unsubscribeProbability) {
    World world = World.builtIn();
    HabitProfile h = world.habits();
    world =
        world.withHabits(
            new HabitProfile(
                h.openProbabilityMin(),
                h.openProbabilityMax(),
                h.clickProbabilityMin(),
                h.clickProbabilityMax(),
                unsubscribeProbability,
                h.hourAffinityWeight(),
                h.prefetchShare()));
    simulator =
        Simulator.start(
            SimulatorConfig.forTests(home, 11L)
                .withPorts(TestPorts.free(), TestPorts.free())
                .withWorld(world)
                .withTimings(
                    new Timings(
                        Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30), OPEN_MAX, CLICK_MAX))
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
    endpoints.close();
  }

  private record Pick(String address, String messageId, UUID trackingId, EngagementPlan plan) {}

  /** The first of a few hundred candidate recipients whose plan for their message fits. */
  private Pick pick(String local, String domain, String provider, Predicate<Pick> wanted) {
    return IntStream.range(0, 500)
        .mapToObj(
            i -> {
              String address = local + i + "@" + domain;
              String messageId = "m-" + local + i + "@news.heron.test";
              EngagementPlan plan =
                  simulator.recipients().planFor(address, provider, messageId, NOW);
              return new Pick(
                  address, messageId, UUID.nameUUIDFromBytes(messageId.getBytes()), plan);
            })
        .filter(wanted)
        .findFirst()
        .orElseThrow();
  }

  private void deliver(Pick pick) throws Exception {
    TrackingLinks links = endpoints.links();
    String html =
        "<html><body><p>Spring sale</p>"
            + "<a href=\""
            + links.clickUrl(pick.trackingId(), 0)
            + "\">Shop</a> <a href=\"https://example.test/plain\">About</a> "
            + "<a class=\"x\" href=\""
            + links.clickUrl(pick.trackingId(), 1)
            + "\">Boots</a>"
            + "<img src=\""
            + links.openUrl(pick.trackingId())
            + "\" width=\"1\" height=\"1\" alt=\"\"></body></html>";
    SmtpClient client =
        new SmtpClient(simulator.smtpPort(), "127.0.0.2", "bounces@news.heron.test");
    MimeMessage message = client.message(pick.messageId(), html, pick.address());
    message.setHeader("List-Unsubscribe", "<" + links.unsubscribeUrl(pick.trackingId()) + ">");
    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    client.send(message, pick.address());
  }

  private List<Engagement> awaitEngagements(int count) throws InterruptedException {
    Instant deadline = Instant.now().plus(TestTimes.PATIENCE);
    while (simulator.engagements().size() < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    return simulator.engagements();
  }

  /** After the longest any plan can take, nothing more arrives. */
  private void settle() throws InterruptedException {
    Thread.sleep(OPEN_MAX.plus(CLICK_MAX).plus(CLICK_MAX).plusMillis(300).toMillis());
  }

  @Test
  void recipientsOpenAndClickAsTheirHabitsSayAndNobodyElseDoes() throws Exception {
    startSimulator(0);
    Pick clicker = pick("clicker", "gmail.test", "gmail", p -> p.plan().clickAfter().isPresent());
    Pick reader =
        pick(
            "reader",
            "outlook.test",
            "outlook",
            p -> p.plan().openAfter().isPresent() && p.plan().clickAfter().isEmpty());
    Pick ignorer = pick("ignorer", "yahoo.test", "yahoo", p -> p.plan().openAfter().isEmpty());

    deliver(clicker);
    deliver(reader);
    deliver(ignorer);
    awaitEngagements(3);
    settle();

    List<TrackingEndpoints.Hit> hits = endpoints.hits();
    assertThat(hits).allSatisfy(hit -> assertThat(hit.userAgent()).contains("HeronSim-Recipient"));
    String clickerPixel = path(endpoints.links().openUrl(clicker.trackingId()));
    String clickerLink =
        path(endpoints.links().clickUrl(clicker.trackingId(), clicker.plan().linkChoice() % 2));
    String readerPixel = path(endpoints.links().openUrl(reader.trackingId()));
    assertThat(hits.stream().map(TrackingEndpoints.Hit::path))
        .containsExactlyInAnyOrder(clickerPixel, clickerLink, readerPixel);
    // The click came after the open, and its 302 was not followed to the landing page.
    assertThat(hits.stream().map(TrackingEndpoints.Hit::path).toList().indexOf(clickerPixel))
        .isLessThan(hits.stream().map(TrackingEndpoints.Hit::path).toList().indexOf(clickerLink));
    assertThat(simulator.engagements())
        .extracting(Engagement::recipient, Engagement::action, Engagement::status)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(clicker.address(), Engagement.Action.OPEN, 200),
            org.assertj.core.groups.Tuple.tuple(clicker.address(), Engagement.Action.CLICK, 302),
            org.assertj.core.groups.Tuple.tuple(reader.address(), Engagement.Action.OPEN, 200));
  }

  @Test
  void someIcloudRecipientsPrefetchAtDeliveryAsAMachine() throws Exception {
    startSimulator(0);
    Pick prefetcher =
        pick(
            "mpp",
            "icloud.test",
            "apple",
            p -> p.plan().prefetch() && p.plan().openAfter().isEmpty());

    deliver(prefetcher);
    List<Engagement> seen = awaitEngagements(1);
    settle();

    assertThat(seen)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo(Engagement.Action.PREFETCH);
              assertThat(e.userAgent()).contains("HeronSim-Prefetch");
              assertThat(e.status()).isEqualTo(200);
            });
    assertThat(endpoints.hits())
        .singleElement()
        .satisfies(
            hit -> {
              assertThat(hit.path())
                  .isEqualTo(path(endpoints.links().openUrl(prefetcher.trackingId())));
              assertThat(hit.userAgent()).isEqualTo(Recipients.PREFETCH_USER_AGENT);
            });
  }

  @Test
  void anUnsubscribingRecipientPostsTheOneClickForm() throws Exception {
    startSimulator(1.0);
    Pick leaver =
        pick(
            "leaver",
            "example.test",
            "other",
            p -> p.plan().unsubscribeAfter().isPresent() && p.plan().clickAfter().isEmpty());

    deliver(leaver);
    awaitEngagements(2);

    assertThat(endpoints.hits())
        .filteredOn(hit -> hit.kind() == TrackingLinks.Kind.UNSUBSCRIBE)
        .singleElement()
        .satisfies(
            hit -> {
              assertThat(hit.method()).isEqualTo("POST");
              assertThat(hit.body()).isEqualTo("List-Unsubscribe=One-Click");
            });
  }

  private static String path(String url) {
    return java.net.URI.create(url).getPath();
  }
}
