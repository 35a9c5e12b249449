package dev.heron.senders.delivery;

import dev.heron.events.SendRequest;
import java.util.UUID;

/**
 * A retry ended without a try, because of its own record: it leaves the line, and its message is
 * finished as failed with the reason unless an outcome is recorded already.
 *
 * @param request the request retried, null when it cannot be read
 * @param payload the stored record, as text, for the dead letter
 */
public record RetrySetApart(
    UUID messageId, UUID tenantId, SendRequest request, String payload, String reason) {}
