package dev.heron.api.advisor;

import dev.heron.api.db.Db;
import dev.heron.api.db.Rows;
import dev.heron.api.db.Tx;
import dev.heron.api.error.ApiException;
import dev.heron.events.Json;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The deliverability advisor of a campaign: its sender identity's SPF, DKIM and DMARC as published
 * in DNS, and its metrics, warmup IPs and lists. Findings are stored; a re-run keeps those that
 * still apply (dismissed ones stay dismissed), resolves the others and adds new ones.
 */
@Singleton
public class AdvisorService {
  private static final String[] QUERIES = {
    "campaign-of-tenant",
    "advisor-identity",
    "advisor-campaign-totals",
    "advisor-warming-ips",
    "advisor-list-last-sent",
    "advisor-open",
    "advisor-raise",
    "advisor-resolve-others",
    "advisor-dismiss",
    "advisor-ran",
    "advisor-has-run"
  };

  private final Db db;

  AdvisorService(Db db) {
    this.db = db.withQueries("reads", QUERIES);
  }

  /** The campaign's open recommendations; the advisor runs first if it never has. */
  List<Recommendation> recommendations(UUID tenantId, UUID campaignId) {
    boolean ran =
        db.transaction(
            tx -> {
              requireCampaign(tx, tenantId, campaignId);
              return tx.one("advisor-has-run", row -> true, campaignId).isPresent();
            });
    if (!ran) {
      return run(tenantId, campaignId);
    }
    return db.transaction(tx -> tx.list("advisor-open", Recommendation::of, tenantId, campaignId));
  }

  /** Runs every check now and returns the open recommendations. */
  public List<Recommendation> run(UUID tenantId, UUID campaignId) {
    Map<String, Object> campaign = db.transaction(tx -> requireCampaign(tx, tenantId, campaignId));
    List<Finding> findings = new ArrayList<>(authentication(tenantId, campaignId));
    findings.addAll(metrics(tenantId, campaignId, campaign));
    return db.transaction(
        tx -> {
          for (Finding f : findings) {
            tx.update(
                "advisor-raise",
                tenantId,
                campaignId,
                f.code(),
                f.scope(),
                f.subject(),
                f.severity(),
                f.title(),
                f.detail());
          }
          tx.update(
              "advisor-resolve-others", campaignId, findings.stream().map(Finding::key).toList());
          tx.update("advisor-ran", campaignId);
          return tx.list("advisor-open", Recommendation::of, tenantId, campaignId);
        });
  }

  void dismiss(UUID tenantId, UUID campaignId, UUID recommendationId) {
    db.transaction(
        tx -> {
          requireCampaign(tx, tenantId, campaignId);
          if (tx.update("advisor-dismiss", tenantId, campaignId, recommendationId) == 0) {
            throw ApiException.notFound("recommendation", recommendationId);
          }
          return null;
        });
  }

  private List<Finding> authentication(UUID tenantId, UUID campaignId) {
    record Identity(String domain, String selector) {}
    var identity =
        db.transaction(
            tx ->
                tx.one(
                    "advisor-identity",
                    row -> new Identity(row.getString("domain"), row.getString("dkim_selector")),
                    tenantId,
                    campaignId));
    if (identity.isEmpty()) {
      return List.of();
    }
    String domain = identity.get().domain();
    DnsTxt dns = DnsTxt.fromSettings();
    List<Finding> found = new ArrayList<>();
    try {
      found.addAll(AuthenticationRules.spf(domain, dns.txt(domain)));
      found.addAll(AuthenticationRules.dmarc(domain, dns.txt("_dmarc." + domain)));
      String selector = identity.get().selector();
      found.addAll(
          AuthenticationRules.dkim(
              domain,
              selector,
              selector == null || selector.isBlank()
                  ? List.of()
                  : dns.txt(selector + "._domainkey." + domain)));
    } catch (DnsTxt.Unanswered e) {
      found.add(
          new Finding(
              "dns",
              "identity",
              domain,
              Finding.WARNING,
              "DNS did not answer",
              "SPF, DKIM and DMARC of " + domain + " could not be checked: " + e.getMessage()));
    }
    return found;
  }

  private List<Finding> metrics(UUID tenantId, UUID campaignId, Map<String, Object> campaign) {
    return db.transaction(
        tx -> {
          List<Finding> found = new ArrayList<>();
          MetricRules.Totals totals =
              tx.one(
                      "advisor-campaign-totals",
                      row ->
                          new MetricRules.Totals(
                              row.getLong("sent"),
                              row.getLong("delivered"),
                              row.getLong("bounced"),
                              row.getLong("opens_unique"),
                              row.getLong("complaints")),
                      tenantId,
                      campaignId)
                  .orElseThrow();
          found.addAll(MetricRules.rates(campaignId.toString(), totals));
          found.addAll(
              MetricRules.warmup(
                  tx.list(
                      "advisor-warming-ips",
                      row ->
                          new MetricRules.WarmingIp(
                              row.getString("ip"),
                              row.getInt("schedule_day"),
                              row.getLong("daily_cap")),
                      campaignId)));
          List<UUID> lists = audienceLists((String) campaign.get("audience"));
          if (!lists.isEmpty()) {
            found.addAll(
                MetricRules.lists(
                    tx.list(
                        "advisor-list-last-sent",
                        row ->
                            new MetricRules.AudienceList(
                                Rows.uuid(row, "id"),
                                row.getString("name"),
                                Rows.instant(row, "last_sent")),
                        campaignId,
                        tenantId,
                        lists),
                    Instant.now()));
          }
          return found;
        });
  }

  static List<UUID> audienceLists(String audience) {
    if (audience == null) {
      return List.of();
    }
    try {
      var node = Json.mapper().readTree(audience).path("lists");
      List<UUID> ids = new ArrayList<>();
      node.forEach(
          n -> {
            try {
              ids.add(UUID.fromString(n.asText()));
            } catch (IllegalArgumentException notAnId) {
              // not a list id: nothing to check
            }
          });
      return ids;
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Map<String, Object> requireCampaign(Tx tx, UUID tenantId, UUID campaignId)
      throws SQLException {
    return tx.one(
            "campaign-of-tenant",
            row -> Map.<String, Object>of("audience", row.getString("audience")),
            tenantId,
            campaignId)
        .orElseThrow(() -> ApiException.notFound("campaign", campaignId));
  }
}
