package dev.heron.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sending IPs for tests that write rows keyed by an IP ({@code sending_ips}, the reputation and
 * warmup tables, all shared by every test of the run): a random address is unlikely to be taken,
 * but two tests drawing the same one would fail on a duplicate key or read each other's scores.
 */
public final class TestIps {
  private static final Set<String> GIVEN = ConcurrentHashMap.newKeySet();

  /** An address {@code prefix}.x.y that neither this run nor any row of the database uses. */
  public static String unused(String prefix) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    while (true) {
      String ip = prefix + "." + r.nextInt(1, 255) + "." + r.nextInt(1, 255);
      if (GIVEN.add(ip)
          && TestDb.count(
                  "SELECT (SELECT count(*) FROM sending_ips WHERE ip = ?)"
                      + " + (SELECT count(*) FROM ip_reputation_current WHERE ip = ?)"
                      + " + (SELECT count(*) FROM warmup_schedules WHERE ip = ?)",
                  ip,
                  ip,
                  ip)
              == 0) {
        return ip;
      }
    }
  }

  private TestIps() {}
}
