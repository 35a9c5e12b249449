package dev.heron.simulator.smtp;

import java.util.Objects;

/**
 * A source IP with a bad name at one provider: that provider answers {@code reply} to a {@code
 * share} of the recipients offered from it (chosen by a stable hash, so a retry of the same
 * recipient meets the same answer).
 */
public record IpReputation(String ip, String provider, double share, String reply) {
  public IpReputation {
    Objects.requireNonNull(ip, "reputations.ip");
    Objects.requireNonNull(provider, "reputations.provider");
    Objects.requireNonNull(reply, "reputations.reply");
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException("reputations.share must be within [0, 1], was " + share);
    }
  }
}
