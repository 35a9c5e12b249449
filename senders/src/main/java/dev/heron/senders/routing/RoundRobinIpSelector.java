package dev.heron.senders.routing;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the configured sending IPs in turn. The active rows of {@code sending_ips} are read again
 * every {@link #REFRESH}; when none of them is an address of this machine (an empty table, or IPs
 * that belong to other hosts), the fallback list ({@code HERON_SENDING_IPS}) is used: a sender can
 * only bind the addresses it has.
 */
public final class RoundRobinIpSelector implements IpSelector {
  private static final Logger LOG = LoggerFactory.getLogger(RoundRobinIpSelector.class);
  static final Duration REFRESH = Duration.ofSeconds(30);

  private final Supplier<List<SendingIp>> configured;
  private final List<SendingIp> fallback;
  private final Clock clock;
  private final AtomicLong next = new AtomicLong();
  private volatile List<SendingIp> current;
  private volatile Instant refreshedAt = Instant.MIN;

  public RoundRobinIpSelector(
      Supplier<List<SendingIp>> configured, List<SendingIp> fallback, Clock clock) {
    if (fallback.isEmpty()) {
      throw new IllegalArgumentException("HERON_SENDING_IPS must name at least one address");
    }
    this.configured = configured;
    this.fallback = List.copyOf(fallback);
    this.clock = clock;
  }

  /** Parses a comma-separated list such as {@code 127.0.0.2,127.0.0.3}. */
  public static List<SendingIp> parseList(String commaSeparated) {
    return Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(ip -> new SendingIp(ip, null))
        .toList();
  }

  @Override
  public SendingIp select(dev.heron.events.SendRequest request, String provider, String preferred) {
    List<SendingIp> ips = ips();
    if (preferred != null) {
      for (SendingIp ip : ips) {
        if (ip.ip().equals(preferred)) {
          return ip;
        }
      }
    }
    return ips.get((int) Math.floorMod(next.getAndIncrement(), (long) ips.size()));
  }

  /** The IPs in service now: the table's local ones, else the fallback list. */
  public List<SendingIp> ips() {
    Instant now = clock.instant();
    if (current == null || now.isAfter(refreshedAt.plus(REFRESH))) {
      synchronized (this) {
        if (current == null || now.isAfter(refreshedAt.plus(REFRESH))) {
          List<SendingIp> local = configured.get().stream().filter(ip -> isLocal(ip.ip())).toList();
          current = local.isEmpty() ? fallback : local;
          refreshedAt = now;
          LOG.debug("sending from {}", current);
        }
      }
    }
    return current;
  }

  /** Loopback addresses (the whole 127/8 on Linux) and the addresses of this machine's cards. */
  static boolean isLocal(String ip) {
    try {
      InetAddress address = InetAddress.getByName(ip);
      return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
    } catch (UnknownHostException | SocketException e) {
      return false;
    }
  }
}
