package dev.heron.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Channel;
import dev.heron.events.Decoded;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class CampaignFlowTest extends ApiTestSupport {
  private static final String AUDIENCE =
      """
      email,first_name,last_name,company,plan,company_size
      ana@gmail.test,Ana,Lima,Acme,pro,10
      ben@outlook.test,Ben,,,free,
      cid@yahoo.test,Cid,,,,
      dee@icloud.test,Dee,,,,
      """;

  @Test
  void launchPlansTheAudienceAndTheDispatcherPublishesOneSendRequestPerRecipient() {
    CreatedTenant tenant = newTenant();
    Setup setup = setup(tenant);
    importCsv(setup.key(), "Newsletter", AUDIENCE);
    // cid is suppressed (a past hard bounce) and dee opted out: neither gets marketing.
    TestDb.update(
        "INSERT INTO suppression_list (tenant_id, channel, address, reason) VALUES (?, 'email', 'cid@yahoo.test', 'hard_bounce')",
        tenant.tenant().id());
    TestDb.update(
        "UPDATE contacts SET opted_out = true WHERE tenant_id = ? AND email = 'dee@icloud.test'",
        tenant.tenant().id());
    CampaignView campaign = newCampaign(setup, "marketing");
    assertThat(campaign.status()).isEqualTo("draft");

    try (TopicReader sends = new TopicReader(Topics.SENDS)) {
      Planned launched = launch(setup.key(), campaign.id());

      assertThat(launched.campaign().status()).isEqualTo("running");
      assertThat(launched.plan().audience()).isEqualTo(4);
      assertThat(launched.plan().planned()).isEqualTo(2);
      assertThat(launched.plan().queued()).isEqualTo(2);
      assertThat(launched.plan().steps())
          .extracting(StepResult::step, StepResult::contacts)
          .containsExactly(
              org.assertj.core.api.Assertions.tuple("audience", 4L),
              org.assertj.core.api.Assertions.tuple("unreachable", 0L),
              org.assertj.core.api.Assertions.tuple("duplicate-address", 0L),
              org.assertj.core.api.Assertions.tuple("already-planned", 0L),
              org.assertj.core.api.Assertions.tuple("suppressed", 1L),
              org.assertj.core.api.Assertions.tuple("without-consent", 1L),
              org.assertj.core.api.Assertions.tuple("frequency-cap", 0L),
              org.assertj.core.api.Assertions.tuple("same-template", 0L),
              org.assertj.core.api.Assertions.tuple("ab-split", 0L),
              org.assertj.core.api.Assertions.tuple("send-time", 0L),
              org.assertj.core.api.Assertions.tuple("warmup", 0L),
              org.assertj.core.api.Assertions.tuple("recipients", 2L),
              org.assertj.core.api.Assertions.tuple("queued", 2L));

      List<SendRequest> published =
          sends
              .await(forCampaign(campaign.id()), 2, TopicReader.PATIENCE, Duration.ofSeconds(1))
              .stream()
              .map(CampaignFlowTest::decode)
              .toList();

      assertThat(published)
          .extracting(SendRequest::address)
          .containsExactlyInAnyOrder("ana@gmail.test", "ben@outlook.test");
      SendRequest ana =
          published.stream().filter(r -> r.address().startsWith("ana")).findFirst().orElseThrow();
      assertThat(ana.tenantId()).isEqualTo(tenant.tenant().id());
      assertThat(ana.channel()).isEqualTo(Channel.EMAIL);
      assertThat(ana.messageClass()).isEqualTo(MessageClass.MARKETING);
      assertThat(ana.variant()).isEqualTo("A");
      assertThat(ana.senderIdentity()).isEqualTo("news.heron.test");
      assertThat(ana.fromAddress()).isEqualTo("\"Heron \\\"Test\\\"\" <hello@news.heron.test>");
      assertThat(ana.templateId()).isEqualTo(setup.templateId());
      assertThat(ana.templateVersion()).isEqualTo(1);
      assertThat(ana.variables())
          .containsEntry("firstName", "Ana")
          .containsEntry("lastName", "Lima")
          .containsEntry("email", "ana@gmail.test")
          .containsEntry("attributes", Map.of("company_size", "10", "plan", "pro"))
          .containsEntry(
              "campaign", Map.of("id", campaign.id().toString(), "name", campaign.name()));

      Map<String, Object> recipient =
          TestDb.rows(
                  "SELECT r.id, r.message_id, r.status, q.dispatched_at FROM recipients r"
                      + " JOIN send_queue q ON q.recipient_id = r.id WHERE r.campaign_id = ?"
                      + " AND r.address = 'ana@gmail.test'",
                  campaign.id())
              .get(0);
      assertThat(ana.recipientId()).isEqualTo(recipient.get("id"));
      assertThat(ana.messageId()).isEqualTo(recipient.get("message_id"));
      assertThat(recipient.get("status")).isEqualTo("dispatched");
      assertThat(recipient.get("dispatched_at")).isNotNull();
    }
  }

  @Test
  void planningAgainAddsOnlyNewMembersAndNeverSendsTwice() {
    CreatedTenant tenant = newTenant();
    Setup setup = setup(tenant);
    importCsv(setup.key(), "Newsletter", AUDIENCE);
    CampaignView campaign = newCampaign(setup, "transactional");

    try (TopicReader sends = new TopicReader(Topics.SENDS)) {
      assertThat(launch(setup.key(), campaign.id()).plan().planned()).isEqualTo(4);
      Refusal relaunch =
          refusal(
              HttpRequest.POST("/api/campaigns/" + campaign.id() + "/launch", Map.of())
                  .bearerAuth(setup.key()));
      assertThat(relaunch.status()).isEqualTo(409);
      assertThat(relaunch.body().error()).contains("running", "draft");

      Planned again =
          call(
              HttpRequest.POST("/api/campaigns/" + campaign.id() + "/plan", Map.of()),
              setup.key(),
              Planned.class);
      assertThat(again.plan().audience()).isEqualTo(4);
      assertThat(again.plan().planned()).isZero();
      assertThat(again.plan().queued()).isZero();

      importCsv(setup.key(), "Newsletter", "email,first_name\neve@gmail.test,Eve\n");
      Planned withEve =
          call(
              HttpRequest.POST("/api/campaigns/" + campaign.id() + "/plan", Map.of()),
              setup.key(),
              Planned.class);
      assertThat(withEve.plan().planned()).isEqualTo(1);

      List<ConsumerRecord<String, byte[]>> records =
          sends.await(forCampaign(campaign.id()), 5, TopicReader.PATIENCE, Duration.ofSeconds(1));
      Set<UUID> recipients =
          records.stream().map(r -> decode(r).recipientId()).collect(Collectors.toSet());
      assertThat(records).hasSize(5);
      assertThat(recipients).hasSize(5);
      assertThat(
              TestDb.count("SELECT count(*) FROM recipients WHERE campaign_id = ?", campaign.id()))
          .isEqualTo(5);
    }
  }

  @Test
  void pauseHoldsDispatchAndCancelDropsWhatIsLeft() {
    CreatedTenant tenant = newTenant();
    Setup setup = setup(tenant);
    importCsv(setup.key(), "Newsletter", AUDIENCE);
    CampaignView campaign = newCampaign(setup, "marketing");
    String base = "/api/campaigns/" + campaign.id();

    assertThat(
            refusal(HttpRequest.POST(base + "/pause", Map.of()).bearerAuth(setup.key())).status())
        .isEqualTo(409);
    // Launch into the future: the rows wait in the queue, scheduled.
    TestDb.update(
        "UPDATE campaigns SET scheduled_at = now() + interval '1 hour' WHERE id = ?",
        campaign.id());
    Planned scheduled = launch(setup.key(), campaign.id());
    assertThat(scheduled.campaign().status()).isEqualTo("scheduled");
    CampaignView paused =
        call(HttpRequest.POST(base + "/pause", Map.of()), setup.key(), CampaignView.class);
    assertThat(paused.status()).isEqualTo("paused");
    CampaignView resumed =
        call(HttpRequest.POST(base + "/resume", Map.of()), setup.key(), CampaignView.class);
    assertThat(resumed.status()).isEqualTo("scheduled");
    CampaignView cancelled =
        call(HttpRequest.POST(base + "/cancel", Map.of()), setup.key(), CampaignView.class);
    assertThat(cancelled.status()).isEqualTo("cancelled");
    assertThat(cancelled.recipients()).containsEntry("dropped", 4L);
    assertThat(
            TestDb.count(
                "SELECT count(*) FROM send_queue WHERE campaign_id = ? AND dispatched_at IS NULL",
                campaign.id()))
        .isZero();
    Refusal resumeCancelled =
        refusal(HttpRequest.POST(base + "/resume", Map.of()).bearerAuth(setup.key()));
    assertThat(resumeCancelled.status()).isEqualTo(409);
    assertThat(resumeCancelled.body().error()).contains("cancelled", "paused");
  }

  @Test
  void aCampaignMustReferenceTheTenantsOwnTemplateIdentityAndLists() {
    Setup mine = setup(newTenant());
    Setup theirs = setup(newTenant());
    Refusal foreignTemplate =
        refusal(
            HttpRequest.POST(
                    "/api/campaigns",
                    Map.of(
                        "name", "x",
                        "templateId", theirs.templateId(),
                        "senderIdentityId", mine.identityId(),
                        "audience", Map.of("lists", List.of(mine.listId()))))
                .bearerAuth(mine.key()));
    assertThat(foreignTemplate.status()).isEqualTo(400);
    assertThat(foreignTemplate.body().field()).isEqualTo("templateId");

    Refusal foreignList =
        refusal(
            HttpRequest.POST(
                    "/api/campaigns",
                    Map.of(
                        "name", "x",
                        "templateId", mine.templateId(),
                        "senderIdentityId", mine.identityId(),
                        "audience", Map.of("lists", List.of(theirs.listId()))))
                .bearerAuth(mine.key()));
    assertThat(foreignList.status()).isEqualTo(400);
    assertThat(foreignList.body().field()).isEqualTo("audience.lists[0]");

    CampaignView campaign = newCampaign(theirs, "marketing");
    for (String path :
        List.of(
            "/api/campaigns/" + campaign.id(),
            "/api/campaigns/" + campaign.id() + "/insights",
            "/api/templates/" + theirs.templateId(),
            "/api/lists/" + theirs.listId(),
            "/api/sender-identities/" + theirs.identityId())) {
      assertThat(refusal(HttpRequest.GET(path).bearerAuth(mine.key())).status())
          .as(path)
          .isEqualTo(404);
    }
    assertThat(
            refusal(
                    HttpRequest.POST("/api/campaigns/" + campaign.id() + "/launch", Map.of())
                        .bearerAuth(mine.key()))
                .status())
        .isEqualTo(404);
  }

  @Test
  void aTenantListsOnlyItsOwnCampaignsListsAndTemplates() {
    Setup mine = setup(newTenant());
    Setup theirs = setup(newTenant());
    CampaignView first = newCampaign(mine, "marketing");
    CampaignView second = newCampaign(mine, "transactional");
    newCampaign(theirs, "marketing");

    Map<?, ?> campaigns = call(HttpRequest.GET("/api/campaigns?limit=10"), mine.key(), Map.class);
    assertThat(ids(campaigns)).containsExactly(second.id().toString(), first.id().toString());
    Map<?, ?> onePage =
        call(HttpRequest.GET("/api/campaigns?limit=1&offset=1"), mine.key(), Map.class);
    assertThat(ids(onePage)).containsExactly(first.id().toString());
    Map<?, ?> lists = call(HttpRequest.GET("/api/lists"), mine.key(), Map.class);
    assertThat(ids(lists)).containsExactly(mine.listId().toString());
    Map<?, ?> templates = call(HttpRequest.GET("/api/templates?limit=100"), mine.key(), Map.class);
    assertThat(ids(templates))
        .contains(mine.templateId().toString())
        .doesNotContain(theirs.templateId().toString());
  }

  private static List<Object> ids(Map<?, ?> page) {
    return ((List<?>) page.get("items"))
        .stream().map(i -> (Object) ((Map<?, ?>) i).get("id")).toList();
  }

  private static java.util.function.Predicate<ConsumerRecord<String, byte[]>> forCampaign(
      UUID campaignId) {
    return record ->
        WireCodec.SENDS.decode(record.value()) instanceof Decoded.Valid<SendRequest> valid
            && campaignId.equals(valid.value().campaignId());
  }

  private static SendRequest decode(ConsumerRecord<String, byte[]> record) {
    SendRequest request =
        ((Decoded.Valid<SendRequest>) WireCodec.SENDS.decode(record.value())).value();
    assertThat(record.key()).isEqualTo(request.recipientId().toString());
    return request;
  }
}
