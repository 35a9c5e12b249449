package dev.heron.events;

import java.time.Instant;

/**
 * The rolling 24-hour reputation of one sending IP at one mailbox provider, latest value per key on
 * the compacted {@link Topics#IP_SCORES}.
 */
public record IpScore(
    String ip,
    String provider,
    Instant computedAt,
    long volume,
    double deliveryRate,
    double bounceRate,
    double complaintRate,
    double deferralRate,
    double score) {

  /** The record key on {@link Topics#IP_SCORES}. */
  public String key() {
    return key(ip, provider);
  }

  public static String key(String ip, String provider) {
    return ip + "|" + provider;
  }
}
