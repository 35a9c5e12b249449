package dev.heron.senders.routing;

/**
 * A local source address mail leaves from.
 *
 * @param heloName the name it greets with; null to greet with the sender identity's domain
 */
public record SendingIp(String ip, String heloName) {}
