package dev.heron.api.campaign;

import dev.heron.api.campaign.CampaignStatus.Action;
import dev.heron.api.db.Db;
import dev.heron.api.db.Queries;
import dev.heron.api.db.Rows;
import dev.heron.api.db.Tx;
import dev.heron.api.error.ApiException;
import dev.heron.api.identity.SenderIdentityService;
import dev.heron.api.list.ListService;
import dev.heron.api.paging.Page;
import dev.heron.api.planning.PlanReport;
import dev.heron.api.planning.PlanRequest;
import dev.heron.api.planning.Planner;
import dev.heron.api.template.Template;
import dev.heron.api.template.TemplateService;
import dev.heron.events.Channel;
import dev.heron.events.MessageClass;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Singleton
public class CampaignService {
  static final String FIRST_VARIANT = "A";

  private final Db db;
  private final TemplateService templates;
  private final SenderIdentityService identities;
  private final ListService lists;
  private final Planner planner;

  CampaignService(
      Db db,
      TemplateService templates,
      SenderIdentityService identities,
      ListService lists,
      Planner planner) {
    this.db = db;
    this.templates = templates;
    this.identities = identities;
    this.lists = lists;
    this.planner = planner;
  }

  Campaign create(UUID tenantId, CampaignRequests.Create request) {
    String channel = request.channel() == null ? "email" : request.channel();
    if (!"email".equals(channel)) {
      throw ApiException.badRequest(
          "channel", "channel: only email campaigns can be created for now, was " + channel);
    }
    Template template =
        referenced(() -> templates.get(tenantId, request.templateId()), "templateId");
    if (!template.channel().equals(channel)) {
      throw ApiException.badRequest(
          "templateId",
          "templateId: template "
              + template.id()
              + " is for "
              + template.channel()
              + ", not "
              + channel);
    }
    if (!template.isApproved()) {
      throw ApiException.badRequest(
          "templateId",
          "templateId: template "
              + template.id()
              + " version "
              + template.version()
              + " is "
              + template.status()
              + ", not approved");
    }
    if (request.senderIdentityId() == null) {
      throw ApiException.badRequest(
          "senderIdentityId", "senderIdentityId: an email campaign needs a sender identity");
    }
    referenced(() -> identities.get(tenantId, request.senderIdentityId()), "senderIdentityId");
    List<UUID> audienceLists = request.audience().lists().stream().distinct().toList();
    lists.requireAll(tenantId, audienceLists, "audience.lists");

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
                          List.of(channel),
                          Rows.jsonb(Map.of("lists", audienceLists)),
                          request.senderIdentityId(),
                          request.scheduledAt())
                      .orElseThrow();
              tx.update(
                  Queries.CAMPAIGN_VARIANT_INSERT,
                  campaignId,
                  FIRST_VARIANT,
                  channel,
                  template.id(),
                  template.version(),
                  100);
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
              List<Campaign> campaigns = new java.util.ArrayList<>(ids.size());
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

  private CampaignRequests.Planned planned(UUID tenantId, UUID id, Action action) {
    return db.transaction(
        tx -> {
          Campaign campaign = read(tx, tenantId, id);
          CampaignStatus next = move(tx, tenantId, campaign, action);
          Instant due =
              campaign.scheduledAt() != null && campaign.scheduledAt().isAfter(Instant.now())
                  ? campaign.scheduledAt()
                  : Instant.now();
          PlanReport report =
              planner.plan(
                  tx,
                  new PlanRequest(
                      tenantId,
                      id,
                      Channel.fromWire(campaign.channel()),
                      MessageClass.fromWire(campaign.messageClass()),
                      FIRST_VARIANT,
                      campaign.audience().lists(),
                      due));
          return new CampaignRequests.Planned(read(tx, tenantId, id), report);
        });
  }

  private Campaign transition(UUID tenantId, UUID id, Action action) {
    return db.transaction(
        tx -> {
          Campaign campaign = read(tx, tenantId, id);
          CampaignStatus next = move(tx, tenantId, campaign, action);
          if (next == CampaignStatus.CANCELLED) {
            tx.update(Queries.CAMPAIGN_CANCEL_QUEUE, id);
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
    return tx.one(Queries.CAMPAIGN_BY_ID, row -> Campaign.of(row, recipients), tenantId, id)
        .orElseThrow(() -> ApiException.notFound("campaign", id));
  }

  /** A reference in a request body to something that is not the tenant's is a 400 on that field. */
  private static <T> T referenced(java.util.function.Supplier<T> lookup, String field) {
    try {
      return lookup.get();
    } catch (ApiException e) {
      if (e.status().getCode() == 404) {
        throw ApiException.badRequest(field, field + ": " + e.getMessage());
      }
      throw e;
    }
  }
}
