package dev.heron.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Decoded;
import dev.heron.events.SendRequest;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The running dispatcher obeys pause, resume and cancel within seconds, and sends A/B winners. */
@MicronautTest(transactional = false)
class DispatchControlTest extends ApiTestSupport {

  private Setup audience(int contacts) {
    CreatedTenant tenant = newTenant();
    Setup setup = setup(tenant);
    TestDb.update(
        "WITH c AS (INSERT INTO contacts (tenant_id, email) SELECT ?, 'd' || g || '@x.test' FROM generate_series(1, ?) g RETURNING id)"
            + " INSERT INTO list_contacts (list_id, contact_id) SELECT ?, id FROM c",
        tenant.tenant().id(),
        contacts,
        setup.listId());
    return setup;
  }

  private static long dispatched(UUID campaign) {
    return TestDb.count(
        "SELECT count(*) FROM send_queue WHERE campaign_id = ? AND dispatched_at IS NOT NULL",
        campaign);
  }

  @Test
  void pausedMessagesWaitResumeSendsThemWithinSecondsAndCancelDropsTheRest() throws Exception {
    Setup setup = audience(300);
    CampaignView campaign = newCampaign(setup, "marketing");
    String base = "/api/campaigns/" + campaign.id();
    TestDb.update(
        "UPDATE campaigns SET scheduled_at = now() + interval '1 hour' WHERE id = ?",
        campaign.id());
    assertThat(launch(setup.key(), campaign.id()).campaign().status()).isEqualTo("scheduled");
    assertThat(
            call(HttpRequest.POST(base + "/pause", Map.of()), setup.key(), CampaignView.class)
                .status())
        .isEqualTo("paused");

    // Everything is due now, but the campaign is paused: nothing leaves.
    TestDb.update("UPDATE campaigns SET scheduled_at = now() WHERE id = ?", campaign.id());
    TestDb.update("UPDATE send_queue SET due_at = now() WHERE campaign_id = ?", campaign.id());
    Thread.sleep(1500);
    assertThat(dispatched(campaign.id())).isZero();

    try (TopicReader sends = new TopicReader(Topics.SENDS)) {
      Instant resumed = databaseNow();
      assertThat(
              call(HttpRequest.POST(base + "/resume", Map.of()), setup.key(), CampaignView.class)
                  .status())
          .isEqualTo("running");
      List<ConsumerRecord<String, byte[]>> records =
          sends.await(forCampaign(campaign.id()), 300, TopicReader.PATIENCE, Duration.ZERO);
      assertThat(records).hasSize(300);
      // Within seconds of the resume the dispatcher took the campaign up again: the start of the
      // transaction that dispatched its first row, on the database's clock. How long the records
      // then took through Kafka to this reader depends on the machine's load, not on the resume.
      Duration pickedUp = Duration.between(resumed, firstDispatch(campaign.id()));
      assertThat(pickedUp)
          .as("from the resume to the dispatcher's first batch of the campaign")
          .isLessThan(Duration.ofSeconds(10));
    }

    // A second campaign, paused with everything due, is cancelled: its messages are dropped.
    CampaignView second = newCampaign(setup, "transactional");
    TestDb.update(
        "UPDATE campaigns SET scheduled_at = now() + interval '1 hour' WHERE id = ?", second.id());
    launch(setup.key(), second.id());
    call(
        HttpRequest.POST("/api/campaigns/" + second.id() + "/pause", Map.of()),
        setup.key(),
        CampaignView.class);
    TestDb.update("UPDATE send_queue SET due_at = now() WHERE campaign_id = ?", second.id());
    CampaignView cancelled =
        call(
            HttpRequest.POST("/api/campaigns/" + second.id() + "/cancel", Map.of()),
            setup.key(),
            CampaignView.class);
    assertThat(cancelled.recipients()).containsEntry("dropped", 300L);
    Thread.sleep(1000);
    assertThat(dispatched(second.id())).isZero();
  }

  @Test
  void aRunningCampaignPausedMidwayStopsWithinSeconds() throws Exception {
    Setup setup = audience(3000);
    CampaignView campaign = newCampaign(setup, "transactional");
    // Scheduled, then due over the next minute, a bit every 20 ms: once it starts, dispatch is
    // under way when the pause arrives.
    TestDb.update(
        "UPDATE campaigns SET scheduled_at = now() + interval '1 hour' WHERE id = ?",
        campaign.id());
    launch(setup.key(), campaign.id());
    TestDb.update(
        "UPDATE send_queue q SET due_at = now() + (s.n * interval '20 milliseconds') FROM"
            + " (SELECT recipient_id, row_number() OVER () AS n FROM send_queue WHERE campaign_id = ?) s"
            + " WHERE q.recipient_id = s.recipient_id",
        campaign.id());
    TestDb.update("UPDATE campaigns SET scheduled_at = now() WHERE id = ?", campaign.id());
    Instant deadline = Instant.now().plus(TopicReader.PATIENCE);
    while (dispatched(campaign.id()) == 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(dispatched(campaign.id())).as("the scheduled campaign started").isPositive();
    call(
        HttpRequest.POST("/api/campaigns/" + campaign.id() + "/pause", Map.of()),
        setup.key(),
        CampaignView.class);
    Instant paused = databaseNow();
    // A batch already being published when the pause came may still be marked: wait for it by
    // taking the locks it holds, instead of guessing how long it takes on a loaded machine.
    awaitBatchesInFlight(campaign.id());
    assertThat(
            TestDb.count(
                "SELECT count(*) FROM send_queue WHERE campaign_id = ? AND dispatched_at > ?",
                campaign.id(),
                paused))
        .as("rows dispatched by a transaction that began after the pause")
        .isZero();
    long atPause = dispatched(campaign.id());
    Thread.sleep(2000); // eight ticks of the dispatcher, which must not send any more
    assertThat(dispatched(campaign.id())).isEqualTo(atPause).isLessThan(3000);
  }

  /** Now on the database's clock, which stamps dispatched_at. */
  private static Instant databaseNow() {
    return ((java.sql.Timestamp) TestDb.rows("SELECT clock_timestamp() AS now").get(0).get("now"))
        .toInstant();
  }

  /** The start of the transaction that dispatched the campaign's first rows. */
  private static Instant firstDispatch(UUID campaign) {
    Object first =
        TestDb.rows(
                "SELECT min(dispatched_at) AS first FROM send_queue WHERE campaign_id = ?",
                campaign)
            .get(0)
            .get("first");
    assertThat(first).as("a dispatched row of campaign %s", campaign).isNotNull();
    return ((java.sql.Timestamp) first).toInstant();
  }

  /**
   * Returns once no transaction holds a lock on the campaign's undispatched rows: a dispatcher
   * batch locks its rows ({@code FOR UPDATE SKIP LOCKED}) until it has published and marked them.
   */
  private static void awaitBatchesInFlight(UUID campaign) {
    TestDb.count(
        "SELECT count(*) FROM (SELECT 1 FROM send_queue WHERE campaign_id = ?"
            + " AND dispatched_at IS NULL FOR UPDATE) undispatched",
        campaign);
  }

  @Test
  void whenTheAbTestIsDecidedTheHeldBackAudienceGetsTheWinner() {
    Setup setup = audience(200);
    Map<?, ?> b =
        call(
            HttpRequest.POST(
                "/api/templates",
                Map.of("name", "B", "channel", "email", "subject", "B", "text", "b")),
            setup.key(),
            Map.class);
    UUID templateB = UUID.fromString((String) b.get("id"));
    Map<?, ?> campaign =
        call(
            HttpRequest.POST(
                "/api/campaigns",
                Map.of(
                    "name", "AB " + UUID.randomUUID(),
                    "senderIdentityId", setup.identityId(),
                    "messageClass", "transactional",
                    "audience", Map.of("lists", List.of(setup.listId())),
                    "variants",
                        List.of(
                            Map.of(
                                "name",
                                "A",
                                "split",
                                50,
                                "templates",
                                Map.of("email", setup.templateId())),
                            Map.of(
                                "name", "B", "split", 50, "templates", Map.of("email", templateB))),
                    "abTest", Map.of("testPercent", 30))),
            setup.key(),
            Map.class);
    UUID id = UUID.fromString((String) campaign.get("id"));
    try (TopicReader sends = new TopicReader(Topics.SENDS)) {
      Planned planned = launch(setup.key(), id);
      int tested = (int) planned.plan().queued();
      assertThat(tested).isBetween(30, 90);
      assertThat(sends.await(forCampaign(id), tested, TopicReader.PATIENCE, Duration.ofSeconds(1)))
          .hasSize(tested);

      TestDb.update(
          "UPDATE ab_tests SET status = 'decided', winner_variant = 'B', decided_at = now() WHERE campaign_id = ?",
          id);
      List<SendRequest> rest =
          sends
              .await(forCampaign(id), 200 - tested, TopicReader.PATIENCE, Duration.ofSeconds(1))
              .stream()
              .map(DispatchControlTest::decode)
              .toList();
      assertThat(rest).hasSize(200 - tested);
      assertThat(rest)
          .allSatisfy(
              r -> {
                assertThat(r.variant()).isEqualTo("B");
                assertThat(r.templateId()).isEqualTo(templateB);
              });
    }
  }

  private static Predicate<ConsumerRecord<String, byte[]>> forCampaign(UUID campaignId) {
    return record ->
        WireCodec.SENDS.decode(record.value()) instanceof Decoded.Valid<SendRequest> valid
            && campaignId.equals(valid.value().campaignId());
  }

  private static SendRequest decode(ConsumerRecord<String, byte[]> record) {
    return ((Decoded.Valid<SendRequest>) WireCodec.SENDS.decode(record.value())).value();
  }
}
