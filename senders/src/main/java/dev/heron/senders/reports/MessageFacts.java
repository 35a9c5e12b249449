package dev.heron.senders.reports;

import dev.heron.events.Channel;
import java.util.UUID;

/** What Heron knows of a sent message, to put on the events a late report becomes. */
public record MessageFacts(
    UUID messageId,
    UUID tenantId,
    UUID campaignId,
    UUID recipientId,
    UUID contactId,
    Channel channel,
    String variant,
    String sendingIp,
    String provider,
    String senderIdentity) {}
