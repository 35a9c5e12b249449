package dev.heron.simulator.smtp;

import java.util.List;
import java.util.Objects;

/**
 * A mailbox provider the simulator plays.
 *
 * @param name the provider as Heron classifies it (gmail, outlook, yahoo, apple, other)
 * @param domains the recipient domains it hosts
 * @param mxHost the host name its MX records point at; used in its replies and reports
 */
public record Provider(String name, List<String> domains, String mxHost) {
  public Provider {
    Objects.requireNonNull(name, "provider.name");
    domains = List.copyOf(Objects.requireNonNull(domains, "provider.domains"));
    Objects.requireNonNull(mxHost, "provider.mxHost");
  }
}
