package dev.heron.senders.smtp;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The pool of SMTP lanes: per source IP × provider, as many as the provider's connection limit
 * ({@link LaneKey#slot}). A lane unused for {@code idleTimeout} is closed (after its queued
 * transactions), before the server drops it on its own.
 */
public final class SmtpConnections implements AutoCloseable {
  /**
   * How lanes connect: the exchangers' port, the timeout of connecting, of each read and of each
   * write, how long a lane may sit idle.
   */
  public record Options(int port, Duration timeout, Duration idle) {
    public static Options forPort(int port) {
      return new Options(port, Duration.ofSeconds(30), Duration.ofSeconds(30));
    }
  }

  /**
   * What the shaping rules allow one source IP at a provider: connections open at once, and
   * messages per connection before it is renewed.
   */
  public record LaneLimits(int connections, int messagesPerConnection) {}

  private final Options options;
  private final WriteWatchdog writes;
  private final Cache<LaneKey, SmtpLane> lanes;

  public SmtpConnections(Options options) {
    this.options = options;
    this.writes = new WriteWatchdog(options.timeout());
    this.lanes =
        Caffeine.newBuilder()
            .expireAfterAccess(options.idle())
            .scheduler(Scheduler.systemScheduler())
            .executor(Runnable::run)
            .removalListener(
                (LaneKey key, SmtpLane lane, RemovalCause cause) -> {
                  if (lane != null) {
                    lane.close();
                  }
                })
            .build();
  }

  /**
   * Sends on one of the {@code limits.connections()} lanes of {@code ipAtProvider} (its slot is
   * ignored): an idle one if there is, else a new one while fewer than that exist, else the least
   * busy. So a connection is opened only when those open are all busy. Never completes
   * exceptionally.
   */
  public CompletableFuture<SmtpResult> send(
      LaneKey ipAtProvider,
      LaneLimits limits,
      Exchanger exchanger,
      Composition composition,
      Instant notBefore,
      Supplier<Optional<String>> gate) {
    LaneKey key = leastBusySlot(ipAtProvider, limits.connections());
    for (int tries = 0; ; tries++) {
      SmtpLane lane =
          lanes.get(
              key,
              k ->
                  new SmtpLane(
                      k,
                      options.port(),
                      options.timeout(),
                      writes,
                      limits.messagesPerConnection()));
      try {
        return lane.send(exchanger, composition, notBefore, gate);
      } catch (RejectedExecutionException e) {
        // The lane was closed as idle between finding and using it: take a fresh one.
        lanes.asMap().remove(key, lane);
        if (tries > 2) {
          return CompletableFuture.completedFuture(
              SmtpResult.localError("no SMTP lane for " + key + " could take the message"));
        }
      }
    }
  }

  private LaneKey leastBusySlot(LaneKey ipAtProvider, int connections) {
    LaneKey best = null;
    int bestQueued = Integer.MAX_VALUE;
    for (int slot = 0; slot < connections; slot++) {
      LaneKey key =
          new LaneKey(
              ipAtProvider.sourceIp(), ipAtProvider.provider(), slot, ipAtProvider.heloName());
      SmtpLane lane = lanes.getIfPresent(key);
      int queued = lane == null ? 0 : lane.queued();
      if (lane == null || queued == 0) {
        // An idle lane, or room for a new one: no need to look further.
        return key;
      }
      if (queued < bestQueued) {
        best = key;
        bestQueued = queued;
      }
    }
    return best;
  }

  @Override
  public void close() {
    lanes.invalidateAll();
    lanes.cleanUp();
    writes.close();
  }
}
