package dev.heron.api.reads;

import dev.heron.api.ApiTestSupport;
import dev.heron.api.TestDb;
import java.util.Map;
import java.util.UUID;

/**
 * Seeds what the read APIs, tracking and callbacks need: a tenant with a sent message, through the
 * API.
 */
public abstract class ReadsTestSupport extends ApiTestSupport {

  /** A new tenant with one contact, one campaign launched to it, and its message sent. */
  protected SentMessage sentMessage() {
    CreatedTenant tenant = newTenant();
    Setup setup = setup(tenant);
    String address = "ana-" + UUID.randomUUID().toString().substring(0, 8) + "@gmail.test";
    importCsv(setup.key(), "Newsletter", "email,first_name\n" + address + ",Ana\n");
    CampaignView campaign = newCampaign(setup, "marketing");
    launch(setup.key(), campaign.id());
    Map<String, Object> r =
        TestDb.rows(
                "SELECT id, message_id, contact_id FROM recipients WHERE campaign_id = ?",
                campaign.id())
            .get(0);
    UUID messageId = (UUID) r.get("message_id");
    TestDb.update(
        "INSERT INTO message_claims (message_id, tenant_id, claimed_by, outcome, outcome_at,"
            + " sending_ip, provider, sender_identity, smtp_response)"
            + " VALUES (?, ?, 'test', 'DELIVERED', now(), '127.0.0.3', 'gmail', 'news.heron.test',"
            + " '250 2.0.0 OK queued')",
        messageId,
        tenant.tenant().id());
    return new SentMessage(
        setup.key(),
        tenant.tenant().id(),
        campaign.id(),
        messageId,
        (UUID) r.get("id"),
        (UUID) r.get("contact_id"),
        setup.identityId(),
        setup.listId(),
        address);
  }
}
