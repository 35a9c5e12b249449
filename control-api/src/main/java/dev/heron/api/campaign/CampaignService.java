package dev.heron.api.campaign;

import dev.heron.api.audience.AudienceService;
import dev.heron.api.audience.CompiledFilter;
import dev.heron.api.campaign.CampaignStatus.Action;
import dev.heron.api.db.DataException;
import dev.heron.api.db.Db;
import dev.heron.api.db.Queries;
import dev.heron.api.db.Rows;
import dev.heron.api.db.Tx;
import dev.heron.api.error.ApiException;
import dev.heron.api.identity.SenderIdentityService;
import dev.heron.api.list.ListService;
import dev.heron.api.paging.Page;
import dev.heron.api.planning.FrequencyCap;
import dev.heron.api.planning.PlanReport;
import dev.heron.api.planning.PlanRequest;
import dev.heron.api.planning.Planner;
import dev.heron.api.planning.Split;
import dev.heron.api.template.TemplateService;
import dev.heron.events.Channel;
import dev.heron.events.MessageClass;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
public class CampaignService {
  private final Db db;
  private final TemplateService templates;
  private final SenderIdentityService identities;
  private final ListService lists;
  private final AudienceService audiences;
  private final Planner planner;

  CampaignService(
      Db db,
      TemplateService templates,
      SenderIdentityService identities,
      ListService lists,
      AudienceService audiences,
      Planner planner) {
    this.db = db;
    this.templates = templates;
    this.identities = identities;
    this.lists = lists;
    this.audiences = audiences;
    this.planner = planner;
  }

  Campaign create(UUID tenantId, CampaignRequests.Create request) {
    List<String> channels = CampaignContent.channels(request);
    List<Campaign.VariantRow> variants =
        CampaignContent.resolve(request, channels, id -> templates.get(tenantId, id));
    if (request.senderIdentityId() == null && CampaignContent.needsIdentity(channels)) {
      throw ApiException.badRequest(
          "senderIdentityId", "senderIdentityId: an email campaign needs a sender identity");
    }
    if (request.senderIdentityId() != null) {
      try {
        identities.get(tenantId, request.senderIdentityId());
      } catch (ApiException e) {
        throw ApiException.badRequest("senderIdentityId", "senderIdentityId: " + e.getMessage());
      }
    }
    boolean warmup = Boolean.TRUE.equals(request.warmup());
    if (warmup && request.senderIdentityId() == null) {
      throw ApiException.badRequest(
          "warmup", "warmup: needs a sender identity, whose IP pool's warmup caps apply");
    }
    List<UUID> audienceLists =
        request.audience().lists() == null
            ? List.of()
            : List.copyOf(new LinkedHashSet<>(request.audience().lists()));
    String filter =
        request.audience().filter() == null || request.audience().filter().isBlank()
            ? null
            : request.audience().filter().strip();
    if (audienceLists.isEmpty() && filter == null) {
      throw ApiException.badRequest(
          "audience",
          "audience: needs lists, a filter, or both (the filter then narrows the lists)");
    }
    lists.requireAll(tenantId, audienceLists, "audience.lists");
    if (filter != null) {
      AudienceService.compile(filter, "audience.filter");
    }
    if (request.sendWindowStart() != null
        && request.sendWindowEnd() != null
        && !request.sendWindowEnd().isAfter(request.sendWindowStart())) {
      throw ApiException.badRequest(
          "sendWindowEnd", "sendWindowEnd: must be after sendWindowStart");
    }
    Map<String, Object> audience = new LinkedHashMap<>();
    audience.put("lists", audienceLists);
    if (filter != null) {
      audience.put("filter", filter);
    }
    UUID id =
        db.transaction(
            tx -> {
              UUID campaignId =
                  tx.one(
                          Queries.CAMPAIGN_INSERT,
                          row -> Rows.uuid(row, "id"),
                          tenantId,
                          request.name().strip(),
                          request.description(),
                          request.goal(),
                          request.messageClass() == null ? "marketing" : request.messageClass(),
                          channels,
                          Rows.jsonb(audience),
                          request.senderIdentityId(),
                          request.scheduledAt(),
                          request.sendWindowStart(),
                          request.sendWindowEnd(),
                          request.budget(),
                          warmup,
                          Boolean.TRUE.equals(request.sendTimeOptimization()))
                      .orElseThrow();
              for (Campaign.VariantRow v : variants) {
                tx.update(
                    Queries.CAMPAIGN_VARIANT_INSERT,
                    campaignId,
                    v.variant(),
                    v.channel(),
                    v.templateId(),
                    v.version(),
                    v.split());
              }
              if (request.variants() != null) {
                CampaignRequests.AbTestRequest test = request.abTest();
                tx.update(
                    Queries.AB_TEST_INSERT,
                    tenantId,
                    campaignId,
                    test == null || test.metric() == null ? "opens" : test.metric(),
                    test == null || test.testPercent() == null ? 20 : test.testPercent(),
                    test == null || test.windowHours() == null ? 4 : test.windowHours());
              }
              return campaignId;
            });
    return get(tenantId, id);
  }

  Page<Campaign> page(UUID tenantId, Page.Request page) {
    List<Campaign> items =
        db.transaction(
            tx -> {
              List<UUID> ids =
                  tx.list(
                      Queries.CAMPAIGN_IDS_PAGE,
                      row -> Rows.uuid(row, "id"),
                      tenantId,
                      page.limit(),
                      page.offset());
              List<Campaign> campaigns = new ArrayList<>(ids.size());
              for (UUID id : ids) {
                campaigns.add(read(tx, tenantId, id));
              }
              return campaigns;
            });
    return new Page<>(items, page.limit(), page.offset());
  }

  public Campaign get(UUID tenantId, UUID id) {
    return db.transaction(tx -> read(tx, tenantId, id));
  }

  /** Launches a draft: plans its audience and starts it (or schedules it for later). */
  CampaignRequests.Planned launch(UUID tenantId, UUID id) {
    return planned(tenantId, id, Action.LAUNCH);
  }

  /** Plans again: contacts that joined the audience since are added, nobody is planned twice. */
  CampaignRequests.Planned replan(UUID tenantId, UUID id) {
    return planned(tenantId, id, Action.PLAN);
  }

  Campaign pause(UUID tenantId, UUID id) {
    return transition(tenantId, id, Action.PAUSE);
  }

  Campaign resume(UUID tenantId, UUID id) {
    return transition(tenantId, id, Action.RESUME);
  }

  Campaign cancel(UUID tenantId, UUID id) {
    return transition(tenantId, id, Action.CANCEL);
  }

  /**
   * Plans the held-back rest of every campaign whose A/B test has been decided, with the winner.
   * Returns how many campaigns it planned.
   */
  public int planDecidedTests() {
    List<UUID[]> due =
        db.transaction(
            tx ->
                tx.list(
                    Queries.CAMPAIGNS_WITH_DECIDED_TESTS,
                    row -> new UUID[] {Rows.uuid(row, "tenant_id"), Rows.uuid(row, "id")}));
    for (UUID[] campaign : due) {
      planned(campaign[0], campaign[1], Action.PLAN);
    }
    return due.size();
  }

  private CampaignRequests.Planned planned(UUID tenantId, UUID id, Action action) {
    try {
      return plannedInOneTransaction(tenantId, id, action);
    } catch (DataException e) {
      if (e.isForeignKeyViolation()) {
        // A row the plan refers to (a contact of the audience, in practice: the campaign is locked)
        // was deleted while the plan was written: nothing was planned (one transaction), and
        // planning again takes the audience as it is now.
        throw ApiException.conflict(
            "audience",
            "audience: a contact was deleted while campaign "
                + id
                + " was being planned; nothing was planned, plan again");
      }
      throw e;
    }
  }

  private CampaignRequests.Planned plannedInOneTransaction(UUID tenantId, UUID id, Action action) {
    return db.transaction(
        tx -> {
          Campaign campaign = read(tx, tenantId, id);
          move(tx, tenantId, campaign, action);
          Instant now = Instant.now();
          Instant due =
              campaign.scheduledAt() != null && campaign.scheduledAt().isAfter(now)
                  ? campaign.scheduledAt()
                  : now;
          if (campaign.sendWindowStart() != null && campaign.sendWindowStart().isAfter(due)) {
            // Nothing leaves before the send window opens.
            due = campaign.sendWindowStart();
          }
          if (action == Action.LAUNCH) {
            tx.update(Queries.AB_TEST_START_WINDOW, due, id);
            campaign = read(tx, tenantId, id);
          }
          CompiledFilter audience =
              audiences.condition(
                  tx,
                  tenantId,
                  campaign.audience().lists(),
                  campaign.audience().filter(),
                  "audience");
          FrequencyCap cap = Planner.frequencyCap(tx, tenantId);
          UUID pool =
              campaign.warmup()
                  ? tx.one(Queries.CAMPAIGN_POOL, row -> Rows.uuid(row, "pool_id"), id).orElse(null)
                  : null;
          List<PlanReport> reports = new ArrayList<>();
          for (String channel : campaign.channels()) {
            reports.add(
                planner.plan(
                    tx,
                    new PlanRequest(
                        tenantId,
                        id,
                        Channel.fromWire(channel),
                        MessageClass.fromWire(campaign.messageClass()),
                        audience,
                        split(campaign),
                        templateIds(campaign, channel),
                        due,
                        campaign.sendWindowStart(),
                        campaign.sendWindowEnd(),
                        campaign.sendTimeOptimization(),
                        pool,
                        cap)));
          }
          return new CampaignRequests.Planned(read(tx, tenantId, id), reports.get(0), reports);
        });
  }

  /** The campaign's variants and test as the planner splits by. */
  static Split split(Campaign campaign) {
    List<String> names = campaign.variants().stream().map(Campaign.Variant::name).toList();
    if (names.size() < 2 || campaign.abTest() == null) {
      return Split.single(names.isEmpty() ? CampaignContent.SINGLE_VARIANT : names.get(0));
    }
    Campaign.AbTest test = campaign.abTest();
    String winner = "decided".equals(test.status()) ? test.winner() : null;
    return new Split(
        names,
        campaign.variants().stream().map(Campaign.Variant::split).toList(),
        test.testPercent(),
        winner);
  }

  private static List<UUID> templateIds(Campaign campaign, String channel) {
    return campaign.variants().stream()
        .map(v -> v.templates().get(channel))
        .filter(java.util.Objects::nonNull)
        .map(Campaign.Content::templateId)
        .distinct()
        .toList();
  }

  private Campaign transition(UUID tenantId, UUID id, Action action) {
    return db.transaction(
        tx -> {
          Campaign campaign = read(tx, tenantId, id);
          CampaignStatus next = move(tx, tenantId, campaign, action);
          if (next == CampaignStatus.CANCELLED) {
            tx.update(Queries.CAMPAIGN_CANCEL_QUEUE, id);
            tx.update(Queries.CAMPAIGN_DROP_HELD, id);
          }
          return read(tx, tenantId, id);
        });
  }

  /** Locks the campaign, checks the action against its current state and moves it. */
  private CampaignStatus move(Tx tx, UUID tenantId, Campaign campaign, Action action)
      throws SQLException {
    CampaignStatus current =
        tx.one(
                Queries.CAMPAIGN_LOCK,
                row -> CampaignStatus.fromWire(row.getString("status")),
                tenantId,
                campaign.id())
            .orElseThrow(() -> ApiException.notFound("campaign", campaign.id()));
    boolean later = campaign.scheduledAt() != null && campaign.scheduledAt().isAfter(Instant.now());
    CampaignStatus next;
    try {
      next = current.after(action, later);
    } catch (CampaignStatus.IllegalTransition e) {
      throw ApiException.conflict("status", e.getMessage());
    }
    if (next != current) {
      tx.update(
          Queries.CAMPAIGN_SET_STATUS,
          next.wireName(),
          next == CampaignStatus.RUNNING,
          next == CampaignStatus.COMPLETED,
          tenantId,
          campaign.id());
    }
    return next;
  }

  private static Campaign read(Tx tx, UUID tenantId, UUID id) throws SQLException {
    Map<String, Long> recipients = new LinkedHashMap<>();
    tx.list(
        Queries.CAMPAIGN_RECIPIENT_COUNTS,
        row -> recipients.put(row.getString("status"), row.getLong("n")),
        id);
    List<Campaign.VariantRow> variants =
        tx.list(Queries.CAMPAIGN_VARIANTS, Campaign.VariantRow::of, id);
    Campaign.AbTest test = tx.one(Queries.CAMPAIGN_AB_TEST, Campaign.AbTest::of, id).orElse(null);
    return tx.one(
            Queries.CAMPAIGN_BY_ID,
            row -> Campaign.of(row, variants, test, recipients),
            tenantId,
            id)
        .orElseThrow(() -> ApiException.notFound("campaign", id));
  }
}
