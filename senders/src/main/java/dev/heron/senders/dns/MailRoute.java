package dev.heron.senders.dns;

import java.util.List;

/**
 * Where a domain's mail goes: its exchangers, most preferred first, and the provider they belong
 * to.
 */
public record MailRoute(String domain, List<MxHost> hosts, String provider) {
  public MailRoute {
    hosts = List.copyOf(hosts);
  }

  public MxHost primary() {
    return hosts.get(0);
  }
}
