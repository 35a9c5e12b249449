package dev.heron.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One email campaign through the running stack, using only the public API: a new tenant and its
 * key, a sender identity, contacts imported from CSV into a list, a template, a campaign launched
 * to that list, then the insights read back until every message has an outcome and engagement has
 * settled.
 */
public final class ThinSlice {
  /** What the slice did and what the insights API reported for it. */
  public record Outcome(
      UUID tenantId, String apiKey, UUID campaignId, DemoAudience audience, Totals totals) {}

  /** The campaign totals of the insights API. */
  public record Totals(
      long sent,
      long delivered,
      long bounced,
      long deferred,
      long opened,
      long clicked,
      long replied) {
    static Totals of(JsonNode totals) {
      return new Totals(
          totals.path("sent").asLong(),
          totals.path("delivered").asLong(),
          totals.path("bounced").asLong(),
          totals.path("deferred").asLong(),
          totals.path("uniqueOpens").asLong(),
          totals.path("uniqueClicks").asLong(),
          totals.path("replies").asLong());
    }

    boolean everyMessageHasAnOutcome(long expected) {
      return sent == expected && delivered + bounced == expected;
    }
  }

  private static final Duration OUTCOME_DEADLINE = Duration.ofSeconds(120);
  private static final Duration ENGAGEMENT_QUIET = Duration.ofSeconds(8);
  private static final Duration ENGAGEMENT_DEADLINE = Duration.ofSeconds(45);

  private final HeronApi admin;
  private final DemoAudience audience;

  public ThinSlice(HeronApi admin, DemoAudience audience) {
    this.admin = admin;
    this.audience = audience;
  }

  public Outcome run() throws InterruptedException {
    String stamp = Instant.now().toString().replaceAll("[^0-9]", "").substring(0, 14);
    JsonNode created =
        admin.post("/api/tenants", Map.of("name", "Demo " + stamp, "slug", "demo-" + stamp));
    UUID tenantId = UUID.fromString(created.path("tenant").path("id").asText());
    String apiKey = created.path("apiKey").asText();
    HeronApi api = admin.as(apiKey);

    JsonNode identity =
        api.post(
            "/api/sender-identities",
            Map.of(
                "domain", "news.heron.test",
                "fromAddress", "hello@news.heron.test",
                "fromName", "Heron Demo"));
    JsonNode list = api.post("/api/lists", Map.of("name", "Demo newsletter"));
    String listId = list.path("id").asText();
    JsonNode imported = api.postCsv("/api/contacts/import?list=" + listId, audience.csv());
    awaitImport(api, imported);

    JsonNode template =
        api.post(
            "/api/templates",
            Map.of(
                "name", "Welcome",
                "channel", "email",
                "subject", "Welcome aboard, {{firstName}}",
                "html",
                    "<html><body><h1>Hello {{firstName}}</h1>"
                        + "<p>Our autumn collection is here.</p>"
                        + "<p><a href=\"https://shop.heron.test/autumn\">See the collection</a></p>"
                        + "<p><a href=\"https://shop.heron.test/sale\">Sale</a></p>"
                        + "</body></html>",
                "text", "Hello {{firstName}}, our autumn collection is here."));
    JsonNode campaign =
        api.post(
            "/api/campaigns",
            Map.of(
                "name",
                "Autumn launch " + stamp,
                "channel",
                "email",
                "messageClass",
                "marketing",
                "templateId",
                template.path("id").asText(),
                "senderIdentityId",
                identity.path("id").asText(),
                "audience",
                Map.of("lists", List.of(listId))));
    UUID campaignId = UUID.fromString(campaign.path("id").asText());
    api.post("/api/campaigns/" + campaignId + "/launch", Map.of());

    Totals totals = awaitSettled(api, campaignId);
    return new Outcome(tenantId, apiKey, campaignId, audience, totals);
  }

  private static void awaitImport(HeronApi api, JsonNode started) throws InterruptedException {
    String id = started.path("id").asText();
    JsonNode progress = started;
    Instant deadline = Instant.now().plusSeconds(60);
    while (!"completed".equals(progress.path("status").asText())) {
      if ("failed".equals(progress.path("status").asText()) || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("contact import did not complete: " + progress);
      }
      Thread.sleep(200);
      progress = api.get("/api/imports/" + id);
    }
  }

  /**
   * Polls the insights until every message has an outcome and opens, clicks and replies stop
   * changing.
   */
  private Totals awaitSettled(HeronApi api, UUID campaignId) throws InterruptedException {
    long expected = audience.emails().size();
    Instant deadline = Instant.now().plus(OUTCOME_DEADLINE);
    Totals totals = insights(api, campaignId);
    while (!totals.everyMessageHasAnOutcome(expected)) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "after " + OUTCOME_DEADLINE + " only " + totals + " of " + expected + " messages");
      }
      Thread.sleep(500);
      totals = insights(api, campaignId);
    }
    Instant engagementDeadline = Instant.now().plus(ENGAGEMENT_DEADLINE);
    Instant quietSince = Instant.now();
    while (Instant.now().isBefore(engagementDeadline)
        && Duration.between(quietSince, Instant.now()).compareTo(ENGAGEMENT_QUIET) < 0) {
      Thread.sleep(500);
      Totals next = insights(api, campaignId);
      if (!next.equals(totals)) {
        quietSince = Instant.now();
        totals = next;
      }
    }
    return totals;
  }

  private static Totals insights(HeronApi api, UUID campaignId) {
    return Totals.of(
        api.get("/api/campaigns/" + campaignId + "/insights?group_by=hour").path("totals"));
  }
}
