package dev.heron.senders.smtp;

/**
 * One pooled connection's identity: connection slot {@code slot} of mail from {@code sourceIp} to
 * the mailbox provider {@code provider}, greeting as {@code heloName}. A provider gets as many
 * slots per source IP as its connection limit allows, whatever the number of its exchangers.
 */
public record LaneKey(String sourceIp, String provider, int slot, String heloName) {}
