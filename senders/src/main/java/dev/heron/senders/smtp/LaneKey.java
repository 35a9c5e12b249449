package dev.heron.senders.smtp;

/**
 * One pooled connection's identity: mail from {@code sourceIp} to the exchanger {@code mxHost} at
 * {@code mxAddress}, greeting as {@code heloName}.
 */
public record LaneKey(String sourceIp, String mxHost, String mxAddress, String heloName) {}
