package dev.heron.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.campaign.CampaignService;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Each planning step against the real database: a campaign launched through the API, its audience
 * and history seeded with SQL, and the step's effect read back from the plan report and the rows.
 * The dispatcher is off, so the queue stays as the planner left it.
 */
@MicronautTest(transactional = false)
@Property(name = "heron.dispatcher.enabled", value = "false")
class PlanningStepsTest extends ApiTestSupport {
  @Inject CampaignService campaigns;

  record World(UUID tenant, String key, UUID identity, UUID template, UUID list) {}

  World world() {
    CreatedTenant created = newTenant();
    Setup setup = setup(created);
    return new World(
        created.tenant().id(), setup.key(), setup.identityId(), setup.templateId(), setup.listId());
  }

  UUID contact(
      World w, String email, String phone, String consent, Instant lastOpened, String zone) {
    UUID id = UUID.randomUUID();
    TestDb.update(
        "INSERT INTO contacts (id, tenant_id, email, phone, consent, last_opened_at, time_zone) VALUES (?, ?, ?, ?, ?, ?, ?)",
        id,
        w.tenant(),
        email,
        phone,
        consent,
        lastOpened == null ? null : lastOpened.atOffset(ZoneOffset.UTC),
        zone);
    TestDb.update("INSERT INTO list_contacts (list_id, contact_id) VALUES (?, ?)", w.list(), id);
    return id;
  }

  Map<?, ?> create(World w, Map<String, Object> extra) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "Campaign " + UUID.randomUUID());
    body.put("templateId", w.template());
    body.put("senderIdentityId", w.identity());
    body.put("audience", Map.of("lists", List.of(w.list())));
    body.putAll(extra);
    if (extra.containsKey("templates")) {
      body.remove("templateId");
    }
    return call(HttpRequest.POST("/api/campaigns", body), w.key(), Map.class);
  }

  Map<String, Long> launch(World w, Object campaignId) {
    Map<?, ?> planned =
        call(
            HttpRequest.POST("/api/campaigns/" + campaignId + "/launch", Map.of()),
            w.key(),
            Map.class);
    return steps(planned);
  }

  static Map<String, Long> steps(Map<?, ?> planned) {
    Map<String, Long> steps = new HashMap<>();
    for (Object s : (List<?>) ((Map<?, ?>) planned.get("plan")).get("steps")) {
      Map<?, ?> step = (Map<?, ?>) s;
      steps.put((String) step.get("step"), ((Number) step.get("contacts")).longValue());
    }
    return steps;
  }

  @Test
  void deletingACampaignOrAContactDeletesTheirRecipientsAndQueueRows() {
    World w = world();
    UUID ana = contact(w, "ana@x.test", null, "granted", null, null);
    contact(w, "ben@x.test", null, "granted", null, null);
    Object kept = create(w, Map.of()).get("id");
    // Transactional: the no-repeated-template rule would keep the second marketing one empty.
    Object deleted = create(w, Map.of("messageClass", "transactional")).get("id");
    launch(w, kept);
    launch(w, deleted);
    String queued = "SELECT count(*) FROM send_queue q WHERE q.campaign_id = ?::uuid";
    String planned = "SELECT count(*) FROM recipients WHERE campaign_id = ?::uuid";
    assertThat(TestDb.count(queued, kept)).isEqualTo(2);
    assertThat(TestDb.count(queued, deleted)).isEqualTo(2);

    TestDb.update("DELETE FROM campaigns WHERE id = ?::uuid", deleted);
    assertThat(TestDb.count(planned, deleted)).isZero();
    assertThat(TestDb.count(queued, deleted)).isZero();

    TestDb.update("DELETE FROM contacts WHERE id = ?", ana);
    assertThat(TestDb.count(planned, kept)).isEqualTo(1);
    assertThat(TestDb.count(queued, kept)).isEqualTo(1);
  }

  @Test
  void aContactDeletedWhileThePlanIsWrittenMakesTheLaunchAConflictThatPlansNothing()
      throws Exception {
    World w = world();
    UUID ana = contact(w, "ana@x.test", null, "granted", null, null);
    contact(w, "ben@x.test", null, "granted", null, null);
    Object campaign = create(w, Map.of()).get("id");
    Refusal refusal;
    try (Connection deleter = TestDb.connect()) {
      deleter.setAutoCommit(false);
      try (PreparedStatement delete =
          deleter.prepareStatement("DELETE FROM contacts WHERE id = ?")) {
        delete.setObject(1, ana);
        delete.executeUpdate();
      }
      // The plan reads both contacts (the delete is not committed) and waits at the key check.
      CompletableFuture<Refusal> launch =
          CompletableFuture.supplyAsync(
              () ->
                  refusal(
                      HttpRequest.POST("/api/campaigns/" + campaign + "/launch", Map.of())
                          .bearerAuth(w.key())));
      awaitBlockedBy(deleter);
      deleter.commit();
      refusal = launch.get(TopicReader.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
    assertThat(refusal.status()).isEqualTo(409);
    assertThat(refusal.body().field()).isEqualTo("audience");
    assertThat(
            TestDb.count("SELECT count(*) FROM recipients WHERE campaign_id = ?::uuid", campaign))
        .isZero();
    assertThat(launch(w, campaign)).containsEntry("queued", 1L);
  }

  /** Until a connection waits for a lock the given one holds (bounded). */
  private static void awaitBlockedBy(Connection holder) throws Exception {
    int pid = holder.unwrap(org.postgresql.PGConnection.class).getBackendPID();
    Instant deadline = Instant.now().plus(TopicReader.PATIENCE);
    while (TestDb.count(
            "SELECT count(*) FROM pg_stat_activity WHERE ?::integer = ANY (pg_blocking_pids(pid))",
            pid)
        == 0) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "no connection waited for the deleting transaction within " + TopicReader.PATIENCE);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void consentIsNeededForMarketingButNotForTransactionalMessages() {
    World w = world();
    contact(w, "a@x.test", null, "granted", null, null);
    contact(w, "b@x.test", null, "pending", null, null);
    contact(w, "c@x.test", null, "none", null, null);
    assertThat(launch(w, create(w, Map.of()).get("id")))
        .containsEntry("without-consent", 2L)
        .containsEntry("queued", 1L);
    assertThat(launch(w, create(w, Map.of("messageClass", "transactional")).get("id")))
        .containsEntry("without-consent", 0L)
        .containsEntry("queued", 3L);
    // A planned message's id is its recipient's id, one per message.
    String ids =
        "SELECT count(DISTINCT r.id) FROM recipients r JOIN campaigns c ON c.id = r.campaign_id"
            + " WHERE c.tenant_id = ?::uuid AND r.message_id = r.id";
    assertThat(TestDb.count(ids, w.tenant())).isEqualTo(4);
  }

  @Test
  void twoContactsSharingAPhoneGetOneSms() {
    World w = world();
    contact(w, "a@x.test", "+33600000001", "granted", null, null);
    contact(w, "b@x.test", "+33600000001", "granted", null, null);
    contact(w, "c@x.test", null, "granted", null, null);
    Map<?, ?> sms =
        call(
            HttpRequest.POST(
                "/api/templates",
                Map.of("name", "Sms", "channel", "sms", "text", "Hi {{firstName}}")),
            w.key(),
            Map.class);
    String versions = "/api/templates/" + sms.get("id") + "/versions/1/status";
    for (String status : List.of("received", "pending", "approved")) {
      call(HttpRequest.POST(versions, Map.of("status", status)), w.key(), Map.class);
    }
    Map<?, ?> campaign =
        create(
            w,
            Map.of(
                "channels",
                List.of("email", "sms"),
                "templates",
                Map.of("email", w.template(), "sms", sms.get("id"))));
    Map<?, ?> planned =
        call(
            HttpRequest.POST("/api/campaigns/" + campaign.get("id") + "/launch", Map.of()),
            w.key(),
            Map.class);
    List<?> plans = (List<?>) planned.get("plans");
    assertThat(plans).hasSize(2);
    Map<?, ?> smsPlan = (Map<?, ?>) plans.get(1);
    assertThat(smsPlan.get("channel")).isEqualTo("sms");
    assertThat(steps(Map.of("plan", smsPlan)))
        .containsEntry("unreachable", 1L)
        .containsEntry("duplicate-address", 1L)
        .containsEntry("queued", 1L);
    assertThat(
            TestDb.count(
                "SELECT count(*) FROM recipients WHERE campaign_id = ?::uuid", campaign.get("id")))
        .isEqualTo(4);
  }

  @Test
  void theFrequencyCapAndTheNoRepeatRuleHoldAcrossCampaigns() {
    World w = world();
    UUID capped = contact(w, "capped@x.test", null, "granted", null, null);
    UUID repeat = contact(w, "repeat@x.test", null, "granted", null, null);
    contact(w, "fresh@x.test", null, "granted", null, null);
    Map<?, ?> other = create(w, Map.of("audience", Map.of("filter", "email = \"nobody@x.test\"")));
    // capped got 3 marketing messages this week; repeat got this very template once, long ago.
    Map<?, ?> otherTemplate =
        call(
            HttpRequest.POST(
                "/api/templates",
                Map.of("name", "Other", "channel", "email", "subject", "s", "text", "t")),
            w.key(),
            Map.class);
    for (int i = 0; i < 3; i++) {
      Map<?, ?> past =
          create(
              w,
              Map.of(
                  "templateId",
                  otherTemplate.get("id"),
                  "audience",
                  Map.of("filter", "email = \"nobody@x.test\"")));
      recipient(w, past.get("id"), capped, Instant.now().minus(2, ChronoUnit.DAYS));
    }
    recipient(w, other.get("id"), repeat, Instant.now().minus(300, ChronoUnit.DAYS));

    Map<String, Long> steps = launch(w, create(w, Map.of()).get("id"));
    assertThat(steps)
        .containsEntry("frequency-cap", 1L)
        .containsEntry("same-template", 1L)
        .containsEntry("queued", 1L);

    call(
        HttpRequest.PUT("/api/settings/frequency-cap", Map.of("messages", 4, "days", 7)),
        w.key(),
        Map.class);
    Map<String, Long> raised =
        launch(w, create(w, Map.of("templateId", otherTemplate.get("id"))).get("id"));
    // capped has 3 of 4 now, but already had otherTemplate: the no-repeat rule still applies.
    assertThat(raised).containsEntry("frequency-cap", 0L).containsEntry("same-template", 1L);
    // repeat and fresh: neither is capped (fresh has 1 of 4) nor had otherTemplate.
    assertThat(raised.get("queued")).isEqualTo(2L);
  }

  private void recipient(World w, Object campaignId, UUID contact, Instant at) {
    TestDb.update(
        "INSERT INTO recipients (tenant_id, campaign_id, contact_id, channel, variant, address, status, planned_at)"
            + " SELECT ?, ?::uuid, ?, 'email', 'A', email, 'delivered', ? FROM contacts WHERE id = ?",
        w.tenant(),
        campaignId,
        contact,
        at.atOffset(ZoneOffset.UTC),
        contact);
  }

  @Test
  void anAbTestSplitsTheTestGroupHoldsTheRestAndTheWinnerGetsIt() {
    World w = world();
    TestDb.update(
        "INSERT INTO contacts (tenant_id, email) SELECT ?, 'ab' || g || '@x.test' FROM generate_series(1, 1000) g",
        w.tenant());
    Map<?, ?> b =
        call(
            HttpRequest.POST(
                "/api/templates",
                Map.of("name", "B", "channel", "email", "subject", "B {{firstName}}", "text", "b")),
            w.key(),
            Map.class);
    Map<?, ?> campaign =
        call(
            HttpRequest.POST(
                "/api/campaigns",
                Map.of(
                    "name", "AB",
                    "senderIdentityId", w.identity(),
                    "audience", Map.of("filter", "email contains \"@x.test\""),
                    "variants",
                        List.of(
                            Map.of(
                                "name",
                                "A",
                                "split",
                                50,
                                "templates",
                                Map.of("email", w.template())),
                            Map.of(
                                "name",
                                "B",
                                "split",
                                50,
                                "templates",
                                Map.of("email", b.get("id")))),
                    "abTest", Map.of("testPercent", 20, "metric", "clicks", "windowHours", 6))),
            w.key(),
            Map.class);
    Map<?, ?> abTest = (Map<?, ?>) campaign.get("abTest");
    assertThat(abTest.get("testPercent")).isEqualTo(20);
    assertThat(abTest.get("metric")).isEqualTo("clicks");
    Map<String, Long> steps = launch(w, campaign.get("id"));
    Map<String, Long> byVariant = byVariantAndStatus(campaign.get("id"));
    assertThat(byVariant.get("A/queued") + byVariant.get("B/queued"))
        .isEqualTo(steps.get("ab-split"))
        .isBetween(150L, 250L);
    assertThat(byVariant.get("A/queued")).isBetween(60L, 140L);
    assertThat(byVariant.get("/held")).isEqualTo(1000 - steps.get("ab-split"));
    assertThat(steps.get("queued")).isEqualTo(steps.get("ab-split"));
    assertThat(
            TestDb.count(
                "SELECT count(*) FROM ab_tests WHERE campaign_id = ?::uuid AND window_ends_at > now() + interval '5 hours'",
                campaign.get("id")))
        .isEqualTo(1);

    // Planning again changes nothing; once B wins, the held-back rest is planned with B.
    Map<?, ?> again =
        call(
            HttpRequest.POST("/api/campaigns/" + campaign.get("id") + "/plan", Map.of()),
            w.key(),
            Map.class);
    assertThat(((Number) ((Map<?, ?>) again.get("plan")).get("queued")).longValue()).isZero();
    assertThat(byVariantAndStatus(campaign.get("id"))).isEqualTo(byVariant);
    List<Object> heldMessageIds =
        TestDb.rows(
                "SELECT message_id FROM recipients WHERE campaign_id = ?::uuid AND status = 'held' ORDER BY message_id",
                campaign.get("id"))
            .stream()
            .map(r -> r.get("message_id"))
            .toList();
    TestDb.update(
        "UPDATE ab_tests SET status = 'decided', winner_variant = 'B', decided_at = now() WHERE campaign_id = ?::uuid",
        campaign.get("id"));
    assertThat(campaigns.planDecidedTests()).isGreaterThanOrEqualTo(1);
    Map<String, Long> after = byVariantAndStatus(campaign.get("id"));
    assertThat(after).doesNotContainKey("/held");
    assertThat(after.get("B/queued")).isEqualTo(byVariant.get("B/queued") + byVariant.get("/held"));
    assertThat(after.get("A/queued")).isEqualTo(byVariant.get("A/queued"));
    assertThat(
            TestDb.rows(
                "SELECT message_id FROM recipients WHERE campaign_id = ?::uuid AND message_id = ANY (?) ",
                campaign.get("id"),
                heldMessageIds.toArray(new UUID[0])))
        .hasSize(heldMessageIds.size());
    assertThat(
            TestDb.count(
                "SELECT count(*) FROM send_queue WHERE campaign_id = ?::uuid", campaign.get("id")))
        .isEqualTo(1000);
  }

  private static Map<String, Long> byVariantAndStatus(Object campaignId) {
    Map<String, Long> counts = new HashMap<>();
    for (Map<String, Object> row :
        TestDb.rows(
            "SELECT variant || '/' || status AS k, count(*) AS n FROM recipients WHERE campaign_id = ?::uuid GROUP BY 1",
            campaignId)) {
      counts.put((String) row.get("k"), ((Number) row.get("n")).longValue());
    }
    return counts;
  }

  @Test
  void sendTimeUsesTheNewestModelsBestHourInTheContactsZoneWithinTheWindow() {
    World w = world();
    UUID paris = contact(w, "paris@x.test", null, "granted", null, "Europe/Paris");
    UUID unknownZone = contact(w, "nowhere@x.test", null, "granted", null, "Mars/Olympus");
    UUID noModel = contact(w, "nomodel@x.test", null, "granted", null, null);
    Instant start =
        OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).truncatedTo(ChronoUnit.DAYS).toInstant();
    Instant end = start.plus(7, ChronoUnit.DAYS);
    // Hour 10 of the week = Monday 10:00 local. An older model said Sunday 23:00 (hour 167).
    model(w, paris, Instant.now().minus(10, ChronoUnit.DAYS), "{167}");
    model(w, paris, Instant.now().minus(1, ChronoUnit.DAYS), "{10,11}");
    model(w, unknownZone, Instant.now(), "{9999,10}");
    Map<?, ?> campaign =
        create(
            w,
            Map.of(
                "sendTimeOptimization",
                true,
                "sendWindowStart",
                start.toString(),
                "sendWindowEnd",
                end.toString()));
    assertThat(launch(w, campaign.get("id")))
        .containsEntry("send-time", 2L)
        .containsEntry("queued", 3L);
    Instant parisDue = due(campaign.get("id"), paris);
    assertThat(parisDue.atZone(ZoneId.of("Europe/Paris")).getDayOfWeek())
        .isEqualTo(java.time.DayOfWeek.MONDAY);
    assertThat(parisDue.atZone(ZoneId.of("Europe/Paris")).getHour()).isEqualTo(10);
    assertThat(parisDue).isBetween(start, end);
    Instant utcDue = due(campaign.get("id"), unknownZone);
    assertThat(utcDue.atZone(ZoneOffset.UTC).getHour()).isEqualTo(10);
    assertThat(due(campaign.get("id"), noModel)).isEqualTo(start);
  }

  private void model(World w, UUID contact, Instant at, String hours) {
    TestDb.update(
        "INSERT INTO contact_send_time (computed_at, tenant_id, contact_id, best_hours, confidence, model_version) VALUES (?, ?, ?, ?::integer[], 0.8, 'test')",
        at.atOffset(ZoneOffset.UTC),
        w.tenant(),
        contact,
        hours);
  }

  private static Instant due(Object campaignId, UUID contact) {
    return ((java.sql.Timestamp)
            TestDb.rows(
                    "SELECT q.due_at FROM send_queue q JOIN recipients r ON r.id = q.recipient_id WHERE r.campaign_id = ?::uuid AND r.contact_id = ?",
                    campaignId,
                    contact)
                .get(0)
                .get("due_at"))
        .toInstant();
  }

  @Test
  void warmupSpreadsOverDaysWithTheMostEngagedContactsFirst() {
    World w = world();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    UUID pool = UUID.randomUUID();
    TestDb.update(
        "INSERT INTO ip_pools (id, tenant_id, name) VALUES (?, ?, 'warm')", pool, w.tenant());
    TestDb.update(
        "UPDATE sender_identities SET marketing_pool_id = ? WHERE id = ?", pool, w.identity());
    String ip =
        "198.18." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250) + "-" + suffix;
    TestDb.update("INSERT INTO sending_ips (ip, pool_id) VALUES (?, ?)", ip, pool);
    TestDb.update(
        "INSERT INTO warmup_schedules (ip, schedule, schedule_day, daily_cap, sent_today) VALUES (?, '[{\"fromDay\":1,\"cap\":50},{\"fromDay\":3,\"cap\":100},{\"fromDay\":5,\"cap\":-1}]'::jsonb, 2, 50, 10)",
        ip);
    // 300 contacts: 30 opened recently, the rest long ago or never.
    TestDb.update(
        "INSERT INTO contacts (tenant_id, email, last_opened_at) SELECT ?, 'w' || g || '@x.test',"
            + " CASE WHEN g % 10 = 0 THEN now() - g * interval '1 hour' WHEN g % 2 = 0 THEN now() - interval '200 days' END"
            + " FROM generate_series(1, 300) g",
        w.tenant());
    Map<?, ?> campaign =
        create(
            w, Map.of("warmup", true, "audience", Map.of("filter", "email contains \"@x.test\"")));
    Object dayBefore = databaseToday();
    Map<String, Long> steps = launch(w, campaign.get("id"));
    Object dayAfter = databaseToday();
    assertThat(steps).containsEntry("warmup", 0L).containsEntry("queued", 300L);
    // Days count from the planner's today, which is the first day of the spread: read back after
    // a midnight that fell during the launch, current_date would be a day past it.
    Object today =
        TestDb.rows(
                "SELECT min(due_at)::date AS first FROM send_queue WHERE campaign_id = ?::uuid",
                campaign.get("id"))
            .get(0)
            .get("first");
    assertThat(today).as("the first day of the spread").isIn(dayBefore, dayAfter);
    Map<Long, Long> perDay = new HashMap<>();
    for (Map<String, Object> row :
        TestDb.rows(
            "SELECT (q.due_at::date - ?::date)::bigint AS day, count(*) AS n FROM send_queue q WHERE q.campaign_id = ?::uuid GROUP BY 1",
            today,
            campaign.get("id"))) {
      perDay.put(((Number) row.get("day")).longValue(), ((Number) row.get("n")).longValue());
    }
    // Schedule day 2 today: 50 - 10 sent = 40; day 3: 100; day 4: 100; day 5 unlimited: the rest.
    assertThat(perDay)
        .containsEntry(0L, 40L)
        .containsEntry(1L, 100L)
        .containsEntry(2L, 100L)
        .containsEntry(3L, 60L);
    assertThat(
            TestDb.count(
                "SELECT count(*) FROM send_queue q JOIN recipients r ON r.id = q.recipient_id JOIN contacts c ON c.id = r.contact_id"
                    + " WHERE q.campaign_id = ?::uuid AND q.due_at::date = ?::date AND c.last_opened_at > now() - interval '90 days'",
                campaign.get("id"),
                today))
        .isEqualTo(30);
  }

  private static Object databaseToday() {
    return TestDb.rows("SELECT current_date AS today").get(0).get("today");
  }

  @Test
  void aFilterNarrowsTheListsAndAFilterAloneSelectsFromAllContacts() {
    World w = world();
    contact(w, "in-list-pro@x.test", null, "granted", null, null);
    contact(w, "in-list@x.test", null, "granted", null, null);
    TestDb.update(
        "UPDATE contacts SET attributes = '{\"plan\":\"pro\"}' WHERE tenant_id = ? AND email LIKE '%pro@x.test'",
        w.tenant());
    TestDb.update(
        "INSERT INTO contacts (tenant_id, email, attributes) VALUES (?, 'outside-pro@x.test', '{\"plan\":\"pro\"}')",
        w.tenant());
    assertThat(
            launch(
                w,
                create(
                        w,
                        Map.of(
                            "audience",
                            Map.of(
                                "lists", List.of(w.list()), "filter", "attributes.plan = \"pro\"")))
                    .get("id")))
        .containsEntry("audience", 1L);
    assertThat(
            launch(
                w,
                create(
                        w,
                        Map.of(
                            "templateId",
                            otherTemplate(w),
                            "audience",
                            Map.of("filter", "attributes.plan = \"pro\"")))
                    .get("id")))
        .containsEntry("audience", 2L);
    Refusal bad =
        refusal(
            HttpRequest.POST(
                    "/api/campaigns",
                    Map.of(
                        "name",
                        "x",
                        "templateId",
                        w.template(),
                        "senderIdentityId",
                        w.identity(),
                        "audience",
                        Map.of("filter", "plan = pro")))
                .bearerAuth(w.key()));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().field()).isEqualTo("audience.filter");
    assertThat(bad.body().error()).contains("position");
  }

  private Object otherTemplate(World w) {
    return call(
            HttpRequest.POST(
                "/api/templates",
                Map.of(
                    "name",
                    "T" + UUID.randomUUID(),
                    "channel",
                    "email",
                    "subject",
                    "s",
                    "text",
                    "t")),
            w.key(),
            Map.class)
        .get("id");
  }
}
