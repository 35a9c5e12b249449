package dev.heron.api.planning;

import dev.heron.events.Channel;
import dev.heron.events.MessageClass;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What to plan: one campaign's channel and variant for the members of its lists, due at a time. */
public record PlanRequest(
    UUID tenantId,
    UUID campaignId,
    Channel channel,
    MessageClass messageClass,
    String variant,
    List<UUID> lists,
    Instant dueAt) {}
