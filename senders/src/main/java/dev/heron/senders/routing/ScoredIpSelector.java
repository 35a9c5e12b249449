package dev.heron.senders.routing;

import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.events.WarmupState;
import dev.heron.senders.shaping.TrafficShaper;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Routes each message by live reputation: among the IPs of the sender identity's pool for the
 * message's class (marketing and transactional traffic use separate pools), it skips IPs whose
 * warmup is paused or whose cap for today is used up, and picks the best score for the recipient's
 * provider, spreading load at random across IPs within {@link #NEAR_EQUAL} of the best. An IP no
 * score names yet counts as {@link #UNSCORED}: good enough to be used and so to earn a score. An IP
 * the {@link TrafficShaper} has suspended at the provider (after a reply such as Yahoo's TSS04) is
 * skipped until the suspension lifts.
 */
public final class ScoredIpSelector implements IpSelector {
  static final double NEAR_EQUAL = 0.02;
  static final double UNSCORED = 0.9;

  /** The IPs a message may leave from; empty when its identity has no pool of that class. */
  public interface Pools {
    List<SendingIp> poolOf(SendRequest request, MessageClass messageClass);
  }

  private final Pools pools;
  private final RoundRobinIpSelector unpooled;
  private final ReputationBook book;
  private final WarmupLedger ledger;
  private final TrafficShaper shaper;
  private final Clock clock;

  public ScoredIpSelector(
      Pools pools,
      RoundRobinIpSelector unpooled,
      ReputationBook book,
      WarmupLedger ledger,
      TrafficShaper shaper,
      Clock clock) {
    this.shaper = shaper;
    this.pools = pools;
    this.unpooled = unpooled;
    this.book = book;
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public SendingIp select(SendRequest request, String provider, String preferred) {
    MessageClass messageClass =
        request.messageClass() == null ? MessageClass.MARKETING : request.messageClass();
    List<SendingIp> candidates = pools.poolOf(request, messageClass);
    if (candidates.isEmpty()) {
      candidates = unpooled.ips();
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    if (preferred != null) {
      // A retry keeps its IP (greylisting), and its first try already counted against the cap.
      for (SendingIp ip : candidates) {
        if (ip.ip().equals(preferred) && !paused(ip) && !suspended(ip, provider)) {
          return ip;
        }
      }
    }
    List<SendingIp> ranked = new ArrayList<>(candidates);
    ranked.removeIf(ip -> paused(ip) || suspended(ip, provider));
    ranked.sort(Comparator.comparingDouble((SendingIp ip) -> score(ip, provider)).reversed());
    while (!ranked.isEmpty()) {
      double best = score(ranked.get(0), provider);
      List<SendingIp> nearBest =
          ranked.stream().filter(ip -> score(ip, provider) >= best - NEAR_EQUAL).toList();
      SendingIp pick = nearBest.get(ThreadLocalRandom.current().nextInt(nearBest.size()));
      if (hasRoom(pick, today)) {
        return pick;
      }
      ranked.remove(pick);
    }
    throw new NoSendingIpException(
        "no sending IP of "
            + candidates.stream().map(SendingIp::ip).toList()
            + " may send to "
            + provider
            + " now: warmup paused, today's cap used up, or suspended by the provider's replies");
  }

  double score(SendingIp ip, String provider) {
    return book.score(ip.ip(), provider).map(s -> s.score()).orElse(UNSCORED);
  }

  private boolean suspended(SendingIp ip, String provider) {
    return shaper.suspension(ip.ip(), provider).isPresent();
  }

  private boolean paused(SendingIp ip) {
    return book.warmup(ip.ip()).map(WarmupState::paused).orElse(false);
  }

  private boolean hasRoom(SendingIp ip, LocalDate today) {
    Optional<WarmupState> warmup = book.warmup(ip.ip());
    if (warmup.isEmpty() || warmup.get().dailyCap() == WarmupState.UNLIMITED) {
      return true;
    }
    long cap = warmup.get().dailyCap();
    return cap > 0 && ledger.take(ip.ip(), today, cap);
  }
}
