package dev.heron.jobs.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.IpScore;
import dev.heron.jobs.BoundedSources;
import dev.heron.jobs.CollectingSink;
import dev.heron.jobs.MiniClusters;
import dev.heron.jobs.TestDatabase;
import dev.heron.jobs.TestEvents;
import dev.heron.jobs.insights.InsightsJob;
import dev.heron.jobs.insights.InsightsSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real job on a MiniCluster, writing the real {@code ip_reputation} tables. */
class ReputationJobTest {
  @RegisterExtension static final MiniClusterExtension CLUSTER = MiniClusters.twoSlots();

  private final TestEvents events = new TestEvents();
  // A provider name of this test's own, so the rows are this test's whatever else the table holds.
  private final String provider = "test-" + UUID.randomUUID();
  private final Instant at = Instant.parse("2026-03-04T10:00:00Z");

  @Test
  void aBlockingProviderDropsTheIpsScoreBelowTheCleanIps() throws Exception {
    List<Event> input = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      input.add(outcome("127.0.0.2", EventType.DELIVERED, i));
      input.add(outcome("127.0.0.3", i % 2 == 0 ? EventType.DELIVERED : EventType.BOUNCED, i));
    }
    input.add(input.get(1)); // a duplicate bounce counts once
    CollectingSink<IpScore> topic = new CollectingSink<>();

    run(input, topic);

    IpScore clean = current("127.0.0.2");
    IpScore blocked = current("127.0.0.3");
    assertThat(clean.volume()).isEqualTo(200);
    assertThat(blocked.volume()).isEqualTo(200);
    assertThat(blocked.bounceRate()).isCloseTo((100 + 1.0) / 250, within(1e-9));
    assertThat(blocked.score()).isLessThan(clean.score() - 3);
    assertThat(blocked.computedAt()).isEqualTo(at.plusSeconds(199));
    assertThat(topic.received())
        .filteredOn(s -> s.ip().equals("127.0.0.3"))
        .last()
        .isEqualTo(blocked);
    assertThat(snapshots()).isEqualTo(2);

    run(input, new CollectingSink<>());

    assertThat(current("127.0.0.3")).isEqualTo(blocked);
    assertThat(snapshots()).isEqualTo(2);
  }

  /**
   * As the local pipeline wires it: campaign outcomes de-duplicated once, by Insights, and the
   * outcomes without a campaign by the job itself; a duplicate of either counts once.
   */
  @Test
  void campaignOutcomesDeDuplicatedByInsightsAndTheOthersHereCountOnce() throws Exception {
    List<Event> input = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      input.add(outcome("127.0.0.4", EventType.DELIVERED, i));
      Event withoutCampaign =
          events
              .of(EventType.BOUNCED, UUID.randomUUID(), at.plusSeconds(i))
              .sendingIp("127.0.0.4")
              .provider(provider)
              .campaignId(null)
              .build();
      input.add(withoutCampaign);
    }
    input.add(input.get(0)); // a campaign event twice
    input.add(input.get(1)); // an event without a campaign twice
    input.add(outcome("127.0.0.4", EventType.DELIVERED, 0)); // same time, its own event id

    CollectingSink<IpScore> topic = new CollectingSink<>();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    DataStream<Event> events = BoundedSources.intake(input).events(env);
    DataStream<Event> firstSightings =
        InsightsJob.wire(events, new CollectingSink<>(), InsightsSettings.defaults());
    ReputationJob.wire(events, firstSightings, sinks(topic), Duration.ofMinutes(5));
    env.execute("reputation-shared-dedup-test");

    IpScore score = current("127.0.0.4");
    assertThat(score.volume()).isEqualTo(101);
    assertThat(score.bounceRate()).isCloseTo((50 + 1.0) / 151, within(1e-9));
    assertThat(topic.received()).last().isEqualTo(score);
  }

  private Event outcome(String ip, EventType type, int second) {
    Event.Builder b = events.of(type, UUID.randomUUID(), at.plusSeconds(second)).sendingIp(ip);
    return b.provider(provider).build();
  }

  private void run(List<Event> input, CollectingSink<IpScore> topic) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    // A long coalescing interval: the job ends first, so each key is published once, at the end.
    new ReputationJob(BoundedSources.intake(input), sinks(topic), Duration.ofMinutes(5)).build(env);
    env.execute("reputation-test");
  }

  private static ReputationSinks sinks(CollectingSink<IpScore> topic) {
    return ReputationSinks.withTopic(topic);
  }

  private IpScore current(String ip) throws Exception {
    try (Connection c = TestDatabase.connect();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT * FROM ip_reputation_current WHERE ip = ? AND provider = ?")) {
      st.setString(1, ip);
      st.setString(2, provider);
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).as("current score of " + ip).isTrue();
        return new IpScore(
            ip,
            provider,
            rs.getObject("computed_at", java.time.OffsetDateTime.class).toInstant(),
            rs.getLong("volume"),
            rs.getDouble("delivery_rate"),
            rs.getDouble("bounce_rate"),
            rs.getDouble("complaint_rate"),
            rs.getDouble("deferral_rate"),
            rs.getDouble("score"));
      }
    }
  }

  private long snapshots() throws Exception {
    try (Connection c = TestDatabase.connect();
        PreparedStatement st =
            c.prepareStatement("SELECT count(*) FROM ip_reputation WHERE provider = ?")) {
      st.setString(1, provider);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
