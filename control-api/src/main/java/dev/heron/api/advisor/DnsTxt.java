package dev.heron.api.advisor;

import dev.heron.events.Settings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * TXT look-ups through dnsjava, on the resolver {@link Settings#DNS_SERVER} names ({@code
 * host:port}; empty: the system's). Uncached: the advisor wants what is published now.
 */
final class DnsTxt {
  /**
   * A look-up that got no answer at all (timeout, SERVFAIL): nothing can be said about the name.
   */
  static final class Unanswered extends Exception {
    Unanswered(String message) {
      super(message);
    }
  }

  private final Resolver resolver;

  private DnsTxt(Resolver resolver) {
    this.resolver = resolver;
  }

  static DnsTxt fromSettings() {
    String server = Settings.get(Settings.DNS_SERVER).strip();
    try {
      Resolver resolver;
      if (server.isEmpty()) {
        resolver = new ExtendedResolver();
      } else {
        int colon = server.lastIndexOf(':');
        String host = colon > 0 ? server.substring(0, colon) : server;
        int port = colon > 0 ? Integer.parseInt(server.substring(colon + 1)) : 53;
        resolver = new SimpleResolver(new InetSocketAddress(host, port));
      }
      resolver.setTimeout(Duration.ofSeconds(3));
      return new DnsTxt(resolver);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          Settings.DNS_SERVER + " is not host:port: '" + server + "'", e);
    }
  }

  /** The TXT strings published at {@code name} (each record's strings joined); empty: none. */
  List<String> txt(String name) throws Unanswered {
    Lookup lookup;
    try {
      lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), Type.TXT);
    } catch (TextParseException e) {
      throw new Unanswered(name + " is not a DNS name");
    }
    lookup.setResolver(resolver);
    lookup.setCache(null);
    var records = lookup.run();
    return switch (lookup.getResult()) {
      case Lookup.SUCCESSFUL ->
          Arrays.stream(records)
              .filter(r -> r instanceof TXTRecord)
              .map(r -> String.join("", ((TXTRecord) r).getStrings()))
              .toList();
      case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> List.of();
      default -> throw new Unanswered(name + ": " + lookup.getErrorString());
    };
  }
}
