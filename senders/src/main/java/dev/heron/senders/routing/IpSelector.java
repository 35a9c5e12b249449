package dev.heron.senders.routing;

import dev.heron.events.SendRequest;

/** Chooses the source address of one message. */
public interface IpSelector {
  /**
   * @param preferred the address a previous try of this message used, or null; kept when it is
   *     still one this selector may use
   */
  SendingIp select(SendRequest request, String provider, String preferred);
}
