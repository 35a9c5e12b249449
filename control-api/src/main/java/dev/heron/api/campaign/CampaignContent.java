package dev.heron.api.campaign;

import dev.heron.api.error.ApiException;
import dev.heron.api.template.Template;
import dev.heron.events.Channel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a campaign sends: its channels and, per variant, the approved template version for each
 * channel. Resolved from a create request; every refusal is a 400 naming the field.
 */
final class CampaignContent {
  static final String SINGLE_VARIANT = "A";

  private CampaignContent() {}

  static List<String> channels(CampaignRequests.Create request) {
    if (request.channels() != null) {
      Set<String> distinct = new LinkedHashSet<>(request.channels());
      if (distinct.size() != request.channels().size()) {
        throw ApiException.badRequest("channels", "channels: a channel is listed twice");
      }
      if (request.channel() != null && !distinct.contains(request.channel())) {
        throw ApiException.badRequest(
            "channel", "channel: " + request.channel() + " is not one of channels " + distinct);
      }
      return List.copyOf(distinct);
    }
    return List.of(request.channel() == null ? "email" : request.channel());
  }

  /**
   * The campaign_variants rows: one per variant and channel. {@code templates} looks a template up
   * among the tenant's (throwing a 404 ApiException when it is not one).
   */
  static List<Campaign.VariantRow> resolve(
      CampaignRequests.Create request, List<String> channels, Function<UUID, Template> templates) {
    List<Campaign.VariantRow> rows = new ArrayList<>();
    if (request.variants() != null) {
      if (request.templateId() != null || request.templates() != null) {
        throw ApiException.badRequest(
            "variants", "variants: give the templates in each variant, not beside them");
      }
      Set<String> names = new HashSet<>();
      int total = 0;
      for (int i = 0; i < request.variants().size(); i++) {
        CampaignRequests.VariantRequest variant = request.variants().get(i);
        String field = "variants[" + i + "]";
        if (!names.add(variant.name())) {
          throw ApiException.badRequest(
              field + ".name", field + ".name: variant " + variant.name() + " is named twice");
        }
        total += variant.split();
        rows.addAll(
            rowsOf(
                variant.name(),
                variant.split(),
                variant.templates(),
                channels,
                field + ".templates",
                templates));
      }
      if (total != 100) {
        throw ApiException.badRequest(
            "variants", "variants: the splits must add up to 100, they add up to " + total);
      }
      return rows;
    }
    if (request.abTest() != null) {
      throw ApiException.badRequest("abTest", "abTest: an A/B test needs at least two variants");
    }
    Map<String, UUID> byChannel = request.templates();
    String field = "templates";
    if (byChannel == null) {
      if (request.templateId() == null) {
        throw ApiException.badRequest(
            "templates", "templates: each channel needs a template (templates or templateId)");
      }
      if (channels.size() > 1) {
        throw ApiException.badRequest(
            "templateId", "templateId: several channels need templates, one per channel");
      }
      byChannel = Map.of(channels.get(0), request.templateId());
      field = "templateId";
    } else if (request.templateId() != null) {
      throw ApiException.badRequest(
          "templateId", "templateId: give templates or templateId, not both");
    }
    rows.addAll(rowsOf(SINGLE_VARIANT, 100, byChannel, channels, field, templates));
    return rows;
  }

  private static List<Campaign.VariantRow> rowsOf(
      String variant,
      int split,
      Map<String, UUID> byChannel,
      List<String> channels,
      String field,
      Function<UUID, Template> templates) {
    Map<String, UUID> ordered = new LinkedHashMap<>();
    for (String channel : channels) {
      UUID id = byChannel.get(channel);
      if (id == null) {
        throw ApiException.badRequest(
            field, field + ": needs a template for the " + channel + " channel");
      }
      ordered.put(channel, id);
    }
    for (String channel : byChannel.keySet()) {
      if (!ordered.containsKey(channel)) {
        throw ApiException.badRequest(
            field, field + ": " + channel + " is not one of the campaign's channels " + channels);
      }
    }
    List<Campaign.VariantRow> rows = new ArrayList<>();
    for (Map.Entry<String, UUID> entry : ordered.entrySet()) {
      String at = field.equals("templateId") ? field : field + "." + entry.getKey();
      Template template = referenced(templates, entry.getValue(), at);
      if (!template.channel().equals(entry.getKey())) {
        throw ApiException.badRequest(
            at,
            at
                + ": template "
                + template.id()
                + " is for "
                + template.channel()
                + ", not "
                + entry.getKey());
      }
      if (template.approvedVersion() == null) {
        throw ApiException.badRequest(
            at,
            at
                + ": template "
                + template.id()
                + " has no approved version (version "
                + template.version()
                + " is "
                + template.status()
                + ", not approved)");
      }
      rows.add(
          new Campaign.VariantRow(
              variant, entry.getKey(), template.id(), template.approvedVersion(), split));
    }
    return rows;
  }

  private static Template referenced(Function<UUID, Template> templates, UUID id, String field) {
    try {
      return templates.apply(id);
    } catch (ApiException e) {
      if (e.status().getCode() == 404) {
        throw ApiException.badRequest(field, field + ": " + e.getMessage());
      }
      throw e;
    }
  }

  /** Email needs a From identity; the other channels send as the tenant's accounts. */
  static boolean needsIdentity(List<String> channels) {
    return channels.contains(Channel.EMAIL.wireName());
  }
}
