package dev.heron.api.reads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.TestDb;
import dev.heron.api.TestIps;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ReadApisTest extends ReadsTestSupport {
  @Serdeable
  record EventView(
      UUID eventId,
      String type,
      Integer smtpCode,
      String enhancedStatus,
      String smtpResponse,
      String bounceClass) {}

  @Serdeable
  record MessageView(
      UUID messageId,
      UUID campaignId,
      String campaignName,
      String address,
      String status,
      List<EventView> events) {}

  @Serdeable
  record Messages(List<MessageView> items, int limit, int offset) {}

  @Serdeable
  record IpScore(String ip, String provider, Instant computedAt, long volume, double score) {}

  @Serdeable
  record Warmup(
      String ip,
      boolean shared,
      int scheduleDay,
      long dailyCap,
      long sentToday,
      boolean paused,
      String schedule) {}

  @Serdeable
  record Variant(String variant, long delivered, long uniqueOpens, double rate, Double pValue) {}

  @Serdeable
  record Ab(String metric, String status, String winner, List<Variant> variants) {}

  @Serdeable
  record Similar(UUID id, String name, double distance) {}

  private static void archive(
      SentMessage m,
      String type,
      Instant at,
      Integer code,
      String enhanced,
      String reply,
      String bounceClass) {
    TestDb.update(
        "INSERT INTO events (occurred_at, event_id, type, schema_version, source, tenant_id, campaign_id,"
            + " message_id, contact_id, channel, variant, sending_ip, provider, smtp_code, enhanced_status,"
            + " smtp_response, bounce_class) VALUES (?, ?, ?, 1, 'senders', ?, ?, ?, ?, 'email', 'A',"
            + " '127.0.0.3', 'gmail', ?, ?, ?, ?)",
        at,
        UUID.randomUUID(),
        type,
        m.tenantId(),
        m.campaignId(),
        m.messageId(),
        m.contactId(),
        code,
        enhanced,
        reply,
        bounceClass);
  }

  @Test
  void messageSearchShowsEveryEventWithTheExactSmtpReplyAndTheTimelineAcrossCampaigns() {
    SentMessage m = sentMessage();
    Instant t = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    archive(m, "DEFERRED", t, 421, "4.7.0", "421 4.7.0 Try again later, closing connection.", null);
    archive(
        m,
        "BOUNCED",
        t.plusSeconds(30),
        550,
        "5.1.1",
        "550 5.1.1 The email account that you tried to reach does not exist.",
        "hard");

    for (String query :
        List.of(
            "messageId=" + m.messageId(),
            "recipient=" + m.address().toUpperCase(),
            "campaignId=" + m.campaignId())) {
      Messages found = call(HttpRequest.GET("/api/messages?" + query), m.apiKey(), Messages.class);
      assertThat(found.items())
          .as(query)
          .singleElement()
          .satisfies(
              msg -> {
                assertThat(msg.messageId()).isEqualTo(m.messageId());
                assertThat(msg.address()).isEqualTo(m.address());
                assertThat(msg.events())
                    .extracting(EventView::type)
                    .containsExactly("DEFERRED", "BOUNCED");
                assertThat(msg.events().get(1).smtpResponse())
                    .isEqualTo(
                        "550 5.1.1 The email account that you tried to reach does not exist.");
                assertThat(msg.events().get(1).enhancedStatus()).isEqualTo("5.1.1");
                assertThat(msg.events().get(1).bounceClass()).isEqualTo("hard");
              });
    }
    Refusal none = refusal(HttpRequest.GET("/api/messages").bearerAuth(m.apiKey()));
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.body().field()).isEqualTo("recipient");
    Refusal two =
        refusal(
            HttpRequest.GET("/api/messages?messageId=" + m.messageId() + "&recipient=x@y.z")
                .bearerAuth(m.apiKey()));
    assertThat(two.status()).isEqualTo(400);
    Refusal badId = refusal(HttpRequest.GET("/api/messages?messageId=nope").bearerAuth(m.apiKey()));
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.body().field()).isEqualTo("messageId");

    // A second campaign to the same contact: the timeline shows both messages, newest first.
    // Transactional: marketing frequency caps would rightly keep the same template from it.
    CampaignView second =
        newCampaign(
            new Setup(m.apiKey(), m.identityId(), m.listId(), templateOf(m)), "transactional");
    launch(m.apiKey(), second.id());
    Messages timeline =
        call(
            HttpRequest.GET("/api/contacts/" + m.contactId() + "/timeline"),
            m.apiKey(),
            Messages.class);
    assertThat(timeline.items())
        .extracting(MessageView::campaignId)
        .containsExactly(second.id(), m.campaignId());
    assertThat(timeline.items().get(1).events()).hasSize(2);
  }

  private static UUID templateOf(SentMessage m) {
    return (UUID)
        TestDb.rows(
                "SELECT template_id FROM campaign_variants WHERE campaign_id = ? LIMIT 1",
                m.campaignId())
            .get(0)
            .get("template_id");
  }

  /** An address around TEST-NET-2 no one else uses, so that tests never share an IP. */
  static String freshIp() {
    return TestIps.unused("198.51");
  }

  @Test
  void ipScoresAndWarmupCoverTheTenantsOwnAndSharedIpsOnly() {
    SentMessage m = sentMessage();
    SentMessage other = sentMessage();
    String shared = freshIp();
    String stranger = freshIp();
    TestDb.update("INSERT INTO sending_ips (ip) VALUES (?)", shared);
    UUID strangerPool = UUID.randomUUID();
    TestDb.update(
        "INSERT INTO ip_pools (id, tenant_id, name) VALUES (?, ?, 'theirs')",
        strangerPool,
        other.tenantId());
    TestDb.update("INSERT INTO sending_ips (ip, pool_id) VALUES (?, ?)", stranger, strangerPool);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (String ip : List.of(shared, stranger)) {
      for (int h = 0; h < 3; h++) {
        TestDb.update(
            "INSERT INTO ip_reputation (computed_at, ip, provider, volume, delivery_rate, bounce_rate, complaint_rate, deferral_rate, score)"
                + " VALUES (?, ?, 'gmail', ?, 0.98, 0.01, 0, 0.01, ?)",
            now.minusSeconds(3600L * h),
            ip,
            100 + h,
            0.9 - h / 10.0);
      }
      TestDb.update(
          "INSERT INTO ip_reputation_current (computed_at, ip, provider, volume, delivery_rate, bounce_rate, complaint_rate, deferral_rate, score)"
              + " VALUES (?, ?, 'gmail', 100, 0.98, 0.01, 0, 0.01, 0.9)",
          now,
          ip);
    }
    IpScore[] current = call(HttpRequest.GET("/api/ip-scores"), m.apiKey(), IpScore[].class);
    assertThat(current).extracting(IpScore::ip).contains(shared).doesNotContain(stranger);
    IpScore[] history =
        call(HttpRequest.GET("/api/ip-scores/" + shared + "/history"), m.apiKey(), IpScore[].class);
    assertThat(history).extracting(IpScore::volume).containsExactly(100L, 101L, 102L);
    // The same IpScore the reputation job publishes, with its fields and nothing else.
    String json = call(HttpRequest.GET("/api/ip-scores"), m.apiKey(), String.class);
    assertThat(json)
        .contains("\"computedAt\"", "\"deliveryRate\"", "\"deferralRate\"", "\"score\"")
        .doesNotContain("\"key\"");
    assertThat(
            refusal(
                    HttpRequest.GET("/api/ip-scores/" + stranger + "/history")
                        .bearerAuth(m.apiKey()))
                .status())
        .isEqualTo(404);
    Refusal notAnIp =
        refusal(HttpRequest.GET("/api/ip-scores/mail.example.com/history").bearerAuth(m.apiKey()));
    assertThat(notAnIp.status()).isEqualTo(400);
    assertThat(notAnIp.body().field()).isEqualTo("ip");

    // A new dedicated IP: warmup starts on day 1 with the standard schedule.
    String dedicated = freshIp();
    Warmup started =
        call(
            HttpRequest.POST("/api/warmup/start", Map.of("ip", dedicated)),
            m.apiKey(),
            Warmup.class);
    assertThat(started.scheduleDay()).isEqualTo(1);
    assertThat(started.dailyCap()).isEqualTo(50);
    assertThat(started.shared()).isFalse();
    assertThat(started.schedule()).contains("\"fromDay\": 29", "\"cap\": -1");
    Warmup[] status = call(HttpRequest.GET("/api/warmup/status"), m.apiKey(), Warmup[].class);
    assertThat(status).extracting(Warmup::ip).contains(dedicated);
    assertThat(call(HttpRequest.GET("/api/warmup/status"), other.apiKey(), Warmup[].class))
        .extracting(Warmup::ip)
        .doesNotContain(dedicated);

    assertThat(
            refusal(
                    HttpRequest.POST("/api/warmup/start", Map.of("ip", dedicated))
                        .bearerAuth(m.apiKey()))
                .status())
        .isEqualTo(409);
    Warmup custom =
        call(
            HttpRequest.POST(
                "/api/warmup/start",
                Map.of(
                    "ip",
                    dedicated,
                    "restart",
                    true,
                    "schedule",
                    List.of(Map.of("fromDay", 1, "cap", 20), Map.of("fromDay", 4, "cap", -1)))),
            m.apiKey(),
            Warmup.class);
    assertThat(custom.dailyCap()).isEqualTo(20);
    assertThat(
            refusal(
                    HttpRequest.POST("/api/warmup/start", Map.of("ip", stranger))
                        .bearerAuth(m.apiKey()))
                .status())
        .isEqualTo(404);
    assertThat(
            refusal(
                    HttpRequest.POST("/api/warmup/start", Map.of("ip", shared))
                        .bearerAuth(m.apiKey()))
                .status())
        .isEqualTo(409);
    Refusal badCap =
        refusal(
            HttpRequest.POST(
                    "/api/warmup/start",
                    Map.of("ip", freshIp(), "schedule", List.of(Map.of("fromDay", 1, "cap", 0))))
                .bearerAuth(m.apiKey()));
    assertThat(badCap.status()).isEqualTo(400);
    assertThat(badCap.body().field()).isEqualTo("schedule[0].cap");
  }

  @Test
  void abResultsShowEachVariantsRateAndTheDecision() {
    SentMessage m = sentMessage();
    TestDb.update(
        "INSERT INTO campaign_variants (campaign_id, variant, channel, template_id, template_version, split_percent)"
            + " SELECT campaign_id, 'B', channel, template_id, template_version, 50 FROM campaign_variants WHERE campaign_id = ? AND variant = 'A'",
        m.campaignId());
    TestDb.update(
        "INSERT INTO ab_tests (tenant_id, campaign_id, metric, status, winner_variant, decided_at) VALUES (?, ?, 'opens', 'decided', 'B', now())",
        m.tenantId(),
        m.campaignId());
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    TestDb.update(
        "INSERT INTO insight_buckets_hourly (bucket, tenant_id, campaign_id, channel, variant, sent, delivered, opens_unique) VALUES (?, ?, ?, 'email', 'A', 1000, 1000, 150)",
        hour,
        m.tenantId(),
        m.campaignId());
    TestDb.update(
        "INSERT INTO insight_buckets_hourly (bucket, tenant_id, campaign_id, channel, variant, sent, delivered, opens_unique) VALUES (?, ?, ?, 'email', 'B', 1000, 1000, 250)",
        hour,
        m.tenantId(),
        m.campaignId());

    Ab ab = call(HttpRequest.GET("/api/campaigns/" + m.campaignId() + "/ab"), m.apiKey(), Ab.class);
    assertThat(ab.status()).isEqualTo("decided");
    assertThat(ab.winner()).isEqualTo("B");
    assertThat(ab.variants()).extracting(Variant::variant).containsExactly("A", "B");
    assertThat(ab.variants().get(0).rate()).isEqualTo(0.15);
    assertThat(ab.variants().get(1).rate()).isEqualTo(0.25);
    assertThat(ab.variants().get(1).pValue()).isLessThan(0.001);

    SentMessage noTest = sentMessage();
    assertThat(
            refusal(
                    HttpRequest.GET("/api/campaigns/" + noTest.campaignId() + "/ab")
                        .bearerAuth(noTest.apiKey()))
                .status())
        .isEqualTo(404);
  }

  @Test
  void similarCampaignsAreFoundByTheirText() {
    SentMessage m = sentMessage();
    Setup setup = new Setup(m.apiKey(), m.identityId(), m.listId(), templateOf(m));
    UUID spring = named(setup, "Spring sale: garden furniture and outdoor lights");
    UUID spring2 = named(setup, "Spring sale garden furniture, outdoor lights and tables");
    UUID webinar = named(setup, "Quarterly tax webinar for accountants");
    Similar[] similar =
        call(
            HttpRequest.GET("/api/campaigns/" + spring + "/similar?limit=3"),
            m.apiKey(),
            Similar[].class);
    assertThat(similar).extracting(Similar::id).startsWith(spring2).doesNotContain(spring);
    assertThat(similar[0].distance())
        .isLessThan(
            java.util.Arrays.stream(similar)
                .filter(s -> s.id().equals(webinar))
                .findFirst()
                .orElseThrow()
                .distance());
    Refusal badLimit =
        refusal(
            HttpRequest.GET("/api/campaigns/" + spring + "/similar?limit=0")
                .bearerAuth(m.apiKey()));
    assertThat(badLimit.body().field()).isEqualTo("limit");
  }

  private UUID named(Setup setup, String name) {
    Map<?, ?> created =
        call(
            HttpRequest.POST(
                "/api/campaigns",
                Map.of(
                    "name",
                    name,
                    "channel",
                    "email",
                    "messageClass",
                    "marketing",
                    "templateId",
                    setup.templateId(),
                    "senderIdentityId",
                    setup.identityId(),
                    "audience",
                    Map.of("lists", List.of(setup.listId())))),
            setup.key(),
            Map.class);
    return UUID.fromString((String) created.get("id"));
  }

  @Test
  void everyReadEndpointAnswers404ForAnotherTenantsIds() {
    SentMessage owner = sentMessage();
    SentMessage stranger = sentMessage();
    String key = stranger.apiKey();
    for (String path :
        List.of(
            "/api/contacts/" + owner.contactId() + "/timeline",
            "/api/messages?campaignId=" + owner.campaignId(),
            "/api/campaigns/" + owner.campaignId() + "/advisor",
            "/api/campaigns/" + owner.campaignId() + "/ab",
            "/api/campaigns/" + owner.campaignId() + "/similar")) {
      assertThat(refusal(HttpRequest.GET(path).bearerAuth(key)).status()).as(path).isEqualTo(404);
    }
    assertThat(
            refusal(
                    HttpRequest.POST(
                            "/api/campaigns/" + owner.campaignId() + "/advisor/run", Map.of())
                        .bearerAuth(key))
                .status())
        .isEqualTo(404);
    assertThat(
            refusal(
                    HttpRequest.POST(
                            "/api/campaigns/"
                                + owner.campaignId()
                                + "/advisor/"
                                + UUID.randomUUID()
                                + "/dismiss",
                            Map.of())
                        .bearerAuth(key))
                .status())
        .isEqualTo(404);
    // A message of another tenant's is simply not found by this one.
    Messages none =
        call(HttpRequest.GET("/api/messages?messageId=" + owner.messageId()), key, Messages.class);
    assertThat(none.items()).isEmpty();
    Messages byAddress =
        call(HttpRequest.GET("/api/messages?recipient=" + owner.address()), key, Messages.class);
    assertThat(byAddress.items()).isEmpty();
  }
}
