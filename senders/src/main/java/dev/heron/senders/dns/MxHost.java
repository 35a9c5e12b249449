package dev.heron.senders.dns;

import java.net.InetAddress;
import java.util.List;

/** One mail exchanger of a domain, with the addresses its name resolves to. */
public record MxHost(String name, int preference, List<InetAddress> addresses) {
  public MxHost {
    addresses = List.copyOf(addresses);
  }
}
