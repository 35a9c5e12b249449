package dev.heron.senders.routing;

import dev.heron.events.SendRequest;

/** Chooses the source address of one message. */
public interface IpSelector {
  SendingIp select(SendRequest request, String provider);
}
