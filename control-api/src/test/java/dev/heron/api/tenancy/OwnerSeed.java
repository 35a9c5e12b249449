package dev.heron.api.tenancy;

import dev.heron.api.ApiTestSupport.CreatedTenant;
import dev.heron.api.TestDb;
import io.micronaut.http.HttpRequest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Creates one of everything for a tenant, through the API where the API creates it and in the
 * database where another component writes it (advisor findings, sending IPs, message links). Every
 * name and address carries a marker that no other tenant's data has.
 */
final class OwnerSeed {
  static Owned everything(TenantWalkTest api, CreatedTenant tenant) {
    String key = tenant.apiKey();
    UUID tenantId = tenant.tenant().id();
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    String marker = "own" + HexFormat.of().formatHex(random);
    String domain = marker + ".heron.test";

    UUID identityId =
        id(
            api.as(
                key,
                HttpRequest.POST(
                    "/api/sender-identities",
                    Map.of("domain", domain, "fromAddress", "hello@" + domain)),
                Map.class));
    UUID listId =
        id(
            api.as(
                key, HttpRequest.POST("/api/lists", Map.of("name", marker + " list")), Map.class));
    UUID templateId =
        id(
            api.as(
                key,
                HttpRequest.POST(
                    "/api/templates",
                    Map.of(
                        "name", marker + " template",
                        "channel", "email",
                        "subject", "Hello {{firstName}} " + marker,
                        "html", "<p>Hi <a href=\"https://shop." + domain + "/a\">a</a></p>",
                        "text", "Hi " + marker)),
                Map.class));
    String email = marker + "@gmail.test";
    UUID importId =
        api.importFor(
                key, listId, "email,first_name,company\n" + email + ",Ann,Co " + marker + "\n")
            .id();
    UUID contactId =
        (UUID)
            TestDb.rows(
                    "SELECT id FROM contacts WHERE tenant_id = ? AND email = ?", tenantId, email)
                .get(0)
                .get("id");
    Map<String, Object> campaign = campaign(marker, templateId, identityId, listId);
    UUID campaignId = id(api.as(key, HttpRequest.POST("/api/campaigns", campaign), Map.class));
    UUID launched = id(api.as(key, HttpRequest.POST("/api/campaigns", campaign), Map.class));
    api.as(key, HttpRequest.POST("/api/campaigns/" + launched + "/launch", Map.of()), Map.class);
    UUID messageId =
        (UUID)
            TestDb.rows("SELECT message_id FROM recipients WHERE campaign_id = ?", launched)
                .get(0)
                .get("message_id");
    TestDb.update(
        "INSERT INTO message_links (message_id, link_index, url) VALUES (?, 0, ?)",
        messageId,
        "https://shop." + domain + "/a");
    UUID webhookId =
        id(
            api.as(
                key,
                HttpRequest.POST(
                    "/api/webhooks",
                    Map.of(
                        "url", "https://hooks." + domain + "/in", "eventTypes", List.of("SENT"))),
                Map.class));
    String callbackSecret = "owner-secret-" + marker;
    String verifyToken = "owner-verify-" + marker;
    for (String provider : List.of("whatsapp", "twilio", "bounces")) {
      api.as(
          key,
          HttpRequest.PUT(
              "/api/callbacks/" + provider,
              Map.of("secret", callbackSecret, "verifyToken", verifyToken)),
          Map.class);
    }
    return new Owned(
        tenantId,
        key,
        marker,
        contactId,
        listId,
        templateId,
        1,
        identityId,
        campaignId,
        importId,
        webhookId,
        recommendation(tenantId, campaignId, marker),
        messageId,
        privateIp(tenantId, marker),
        callbackSecret,
        verifyToken);
  }

  private static Map<String, Object> campaign(
      String marker, UUID templateId, UUID identityId, UUID listId) {
    return Map.of(
        "name",
        "Campaign " + marker,
        "channel",
        "email",
        "messageClass",
        "marketing",
        "templateId",
        templateId,
        "senderIdentityId",
        identityId,
        "audience",
        Map.of("lists", List.of(listId)));
  }

  /** An open advisor finding, and a note that the advisor ran, so reading it runs no DNS checks. */
  private static UUID recommendation(UUID tenantId, UUID campaignId, String marker) {
    TestDb.update("INSERT INTO advisor_runs (campaign_id) VALUES (?)", campaignId);
    return (UUID)
        TestDb.rows(
                "INSERT INTO advisor_recommendations"
                    + " (tenant_id, campaign_id, code, scope, subject, severity, title, detail)"
                    + " VALUES (?, ?, 'open-rate', 'campaign', ?, 'warning', ?, ?) RETURNING id",
                tenantId,
                campaignId,
                marker,
                "Open rate of " + marker,
                "detail " + marker)
            .get(0)
            .get("id");
  }

  /** An inactive IP in a pool of the tenant's own, so senders never pick it. */
  private static String privateIp(UUID tenantId, String marker) {
    UUID pool =
        (UUID)
            TestDb.rows(
                    "INSERT INTO ip_pools (tenant_id, name) VALUES (?, ?) RETURNING id",
                    tenantId,
                    marker + " pool")
                .get(0)
                .get("id");
    while (true) {
      String ip = TenantWalkTest.randomPrivateIp();
      int added =
          TestDb.update(
              "INSERT INTO sending_ips (ip, pool_id, active) VALUES (?, ?, false)"
                  + " ON CONFLICT (ip) DO NOTHING",
              ip,
              pool);
      if (added == 1) {
        return ip;
      }
    }
  }

  private static UUID id(Map<?, ?> body) {
    return UUID.fromString(String.valueOf(body.get("id")));
  }

  private OwnerSeed() {}
}
