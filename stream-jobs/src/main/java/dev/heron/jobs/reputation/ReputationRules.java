package dev.heron.jobs.reputation;

import dev.heron.events.Event;
import dev.heron.events.IpScore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The reputation of a sending IP at a mailbox provider. Plain Java: no Flink in here.
 *
 * <p>Over the last 24 hours, per delivery attempt: delivery, bounce and deferral rates; complaints
 * per delivered message. Each rate is shrunk toward a prior by {@link Prior#weight} pseudo-attempts
 * (a Beta prior), so that one bounce on a fresh IP moves its score a little rather than to the
 * floor; as volume grows the observed rates take over. Then {@code score = delivery − 10 × bounce −
 * 100 × complaint}.
 */
public final class ReputationRules {
  public static final Duration WINDOW = Duration.ofHours(24);
  static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

  /** The outcome counters of one hour, indexes into a tally array. */
  public static final int DELIVERED = 0;

  public static final int BOUNCED = 1;
  public static final int DEFERRED = 2;
  public static final int COMPLAINED = 3;
  public static final int SIZE = 4;

  /**
   * What an IP is assumed to look like before it has sent anything.
   *
   * @param weight how many attempts the prior counts as
   */
  public record Prior(
      double deliveryRate,
      double bounceRate,
      double deferralRate,
      double complaintRate,
      double weight)
      implements java.io.Serializable {
    public static Prior standard() {
      return new Prior(0.95, 0.02, 0.03, 0.0005, 50);
    }
  }

  private ReputationRules() {}

  /** {@code ip|provider} for an outcome that says something about the IP; none otherwise. */
  public static Optional<String> keyOf(Event e) {
    if (e.sendingIp() == null || e.sendingIp().isBlank() || outcomeOf(e) < 0) {
      return Optional.empty();
    }
    return Optional.of(IpScore.key(e.sendingIp(), provider(e)));
  }

  /** The counter an event adds to, or -1 when it does not bear on reputation. */
  public static int outcomeOf(Event e) {
    return switch (e.type()) {
      case DELIVERED -> DELIVERED;
      case BOUNCED -> BOUNCED;
      case DEFERRED -> DEFERRED;
      case COMPLAINED -> COMPLAINED;
      default -> -1;
    };
  }

  public static String provider(Event e) {
    return e.provider() == null || e.provider().isBlank() ? "other" : e.provider();
  }

  public static long hourOf(long millis) {
    return Math.floorDiv(millis, HOUR_MILLIS) * HOUR_MILLIS;
  }

  /** Whether the hour starting at {@code hour} is inside the 24 hours that end with {@code now}. */
  public static boolean inWindow(long hour, long nowMillis) {
    return hour > hourOf(nowMillis) - WINDOW.toMillis();
  }

  /** Adds up the hours of {@code hours} inside the window ending at {@code nowMillis}. */
  public static long[] windowTotals(Iterable<Map.Entry<Long, long[]>> hours, long nowMillis) {
    long[] totals = new long[SIZE];
    for (Map.Entry<Long, long[]> hour : hours) {
      if (inWindow(hour.getKey(), nowMillis)) {
        for (int i = 0; i < SIZE; i++) {
          totals[i] += hour.getValue()[i];
        }
      }
    }
    return totals;
  }

  /** The score of {@code key} ({@code ip|provider}) from its window totals. */
  public static IpScore score(String key, Instant computedAt, long[] totals, Prior prior) {
    int bar = key.lastIndexOf('|');
    long attempts = totals[DELIVERED] + totals[BOUNCED] + totals[DEFERRED];
    double delivery = shrink(totals[DELIVERED], attempts, prior.deliveryRate(), prior.weight());
    double bounce = shrink(totals[BOUNCED], attempts, prior.bounceRate(), prior.weight());
    double deferral = shrink(totals[DEFERRED], attempts, prior.deferralRate(), prior.weight());
    double complaint =
        shrink(totals[COMPLAINED], totals[DELIVERED], prior.complaintRate(), prior.weight());
    double score = delivery - 10 * bounce - 100 * complaint;
    return new IpScore(
        key.substring(0, bar),
        key.substring(bar + 1),
        computedAt,
        attempts,
        delivery,
        bounce,
        complaint,
        deferral,
        score);
  }

  static double shrink(long hits, long trials, double priorRate, double weight) {
    return (hits + priorRate * weight) / (trials + weight);
  }
}
