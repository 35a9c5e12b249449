package dev.heron.senders.dns;

/**
 * A domain's mail route could not be found. {@code permanent} when DNS answered that there is none
 * (no such domain, a null MX): the address can never receive mail. Otherwise a later try may work.
 */
public final class DnsLookupException extends RuntimeException {
  private final boolean permanent;

  public DnsLookupException(String message, boolean permanent) {
    super(message);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
