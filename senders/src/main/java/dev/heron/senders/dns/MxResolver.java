package dev.heron.senders.dns;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Finds where a recipient domain's mail goes: its MX records (or the domain itself when it has
 * none, as RFC 5321 §5.1 says), each exchanger's IPv4 addresses, and the provider the exchangers
 * belong to. Answers are cached for their DNS TTL (kept between {@link #MIN_TTL} and {@link
 * #MAX_TTL}); failures for a short while, so that a broken domain does not cost a query per
 * message.
 */
public final class MxResolver {
  static final Duration MIN_TTL = Duration.ofSeconds(10);
  static final Duration MAX_TTL = Duration.ofHours(1);
  private static final Duration FAILURE_TTL = Duration.ofSeconds(5);
  private static final Duration PERMANENT_FAILURE_TTL = Duration.ofMinutes(1);

  private sealed interface Answer {}

  private record Found(MailRoute route, Duration ttl) implements Answer {}

  private record Failed(DnsLookupException failure) implements Answer {}

  private final Resolver resolver;
  private final ProviderRules providers;
  private final LoadingCache<String, Answer> cache;

  public MxResolver(Resolver resolver, ProviderRules providers) {
    this.resolver = resolver;
    this.providers = providers;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfter(new AnswerExpiry())
            .build(this::look);
  }

  /**
   * A resolver for {@code host:port} (the simulator's DNS, say), or the system's resolvers when
   * {@code hostPort} is blank.
   */
  public static Resolver resolverFor(String hostPort) {
    try {
      if (hostPort == null || hostPort.isBlank()) {
        return new ExtendedResolver();
      }
      String spec = hostPort.strip();
      int colon = spec.lastIndexOf(':');
      SimpleResolver simple =
          new SimpleResolver(
              colon < 0 ? spec : spec.substring(0, colon).replaceAll("[\\[\\]]", ""));
      if (colon >= 0) {
        simple.setPort(Integer.parseInt(spec.substring(colon + 1)));
      }
      simple.setTimeout(Duration.ofSeconds(3));
      return simple;
    } catch (UnknownHostException | NumberFormatException e) {
      throw new IllegalArgumentException("HERON_DNS_SERVER must be host:port, was " + hostPort, e);
    }
  }

  /**
   * @throws DnsLookupException when the domain has no usable route
   */
  public MailRoute resolve(String domain) {
    Answer answer = cache.get(domain.strip().toLowerCase(Locale.ROOT));
    if (answer instanceof Failed failed) {
      throw new DnsLookupException(failed.failure().getMessage(), failed.failure().permanent());
    }
    return ((Found) answer).route();
  }

  private Answer look(String domain) {
    try {
      return lookUp(domain);
    } catch (DnsLookupException e) {
      return new Failed(e);
    }
  }

  private Found lookUp(String domain) {
    Name name = name(domain);
    Message mx = query(name, Type.MX);
    long ttl = MAX_TTL.toSeconds();
    List<MXRecord> exchangers = new ArrayList<>();
    for (Record r : mx.getSection(Section.ANSWER)) {
      if (r instanceof MXRecord record) {
        exchangers.add(record);
        ttl = Math.min(ttl, record.getTTL());
      }
    }
    List<MxHost> hosts = new ArrayList<>();
    if (exchangers.isEmpty()) {
      // No MX: the domain itself is the implicit exchanger.
      Addresses a = addresses(name, domain);
      hosts.add(new MxHost(domain, 0, a.addresses()));
      ttl = Math.min(ttl, a.ttl());
    } else {
      exchangers.sort(Comparator.comparingInt(MXRecord::getPriority));
      if (exchangers.size() == 1 && exchangers.get(0).getTarget().equals(Name.root)) {
        throw new DnsLookupException(
            "domain " + domain + " accepts no mail (null MX, RFC 7505)", true);
      }
      DnsLookupException lastFailure = null;
      for (MXRecord exchanger : exchangers) {
        String host = hostName(exchanger.getTarget());
        try {
          Addresses a = addresses(exchanger.getTarget(), host);
          hosts.add(new MxHost(host, exchanger.getPriority(), a.addresses()));
          ttl = Math.min(ttl, a.ttl());
        } catch (DnsLookupException e) {
          lastFailure = e; // another exchanger may still be reachable
        }
      }
      if (hosts.isEmpty()) {
        throw new DnsLookupException(
            "no MX host of " + domain + " has an address: " + lastFailure.getMessage(),
            lastFailure.permanent());
      }
    }
    MailRoute route = new MailRoute(domain, hosts, providers.providerOf(hosts.get(0).name()));
    return new Found(route, Duration.ofSeconds(ttl));
  }

  private record Addresses(List<InetAddress> addresses, long ttl) {}

  private Addresses addresses(Name name, String label) {
    Message response = query(name, Type.A);
    List<InetAddress> addresses = new ArrayList<>();
    long ttl = MAX_TTL.toSeconds();
    for (Record r : response.getSection(Section.ANSWER)) {
      if (r instanceof ARecord a) {
        addresses.add(a.getAddress());
        ttl = Math.min(ttl, a.getTTL());
      }
    }
    if (addresses.isEmpty()) {
      throw new DnsLookupException(label + " has no IPv4 address", true);
    }
    return new Addresses(addresses, ttl);
  }

  private Message query(Name name, int type) {
    Message response;
    try {
      response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
    } catch (IOException e) {
      throw new DnsLookupException(
          "DNS " + Type.string(type) + " query for " + name + " failed: " + e.getMessage(), false);
    }
    int rcode = response.getRcode();
    if (rcode == Rcode.NXDOMAIN) {
      throw new DnsLookupException(hostName(name) + " does not exist (NXDOMAIN)", true);
    }
    if (rcode != Rcode.NOERROR) {
      throw new DnsLookupException(
          "DNS " + Type.string(type) + " query for " + name + " answered " + Rcode.string(rcode),
          false);
    }
    return response;
  }

  private static Name name(String domain) {
    try {
      return Name.fromString(domain.endsWith(".") ? domain : domain + ".");
    } catch (TextParseException e) {
      throw new DnsLookupException("'" + domain + "' is not a domain name", true);
    }
  }

  private static String hostName(Name name) {
    String text = name.toString(true);
    return text.toLowerCase(Locale.ROOT);
  }

  private static final class AnswerExpiry implements Expiry<String, Answer> {
    @Override
    public long expireAfterCreate(String key, Answer answer, long currentTime) {
      Duration ttl;
      if (answer instanceof Found found) {
        ttl = clamp(found.ttl());
      } else {
        ttl = ((Failed) answer).failure().permanent() ? PERMANENT_FAILURE_TTL : FAILURE_TTL;
      }
      return ttl.toNanos();
    }

    @Override
    public long expireAfterUpdate(String key, Answer answer, long currentTime, long duration) {
      return expireAfterCreate(key, answer, currentTime);
    }

    @Override
    public long expireAfterRead(String key, Answer answer, long currentTime, long duration) {
      return duration;
    }

    private static Duration clamp(Duration ttl) {
      return ttl.compareTo(MIN_TTL) < 0 ? MIN_TTL : ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
    }
  }
}
