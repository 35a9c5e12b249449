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
 * The pool of SMTP lanes, one per source IP × exchanger. A lane unused for {@code idleTimeout} is
 * closed (after its queued transactions), before the server drops it on its own.
 */
public final class SmtpConnections implements AutoCloseable {
  /** How lanes connect: the exchangers' port, socket timeouts, messages per connection. */
  public record Options(int port, Duration timeout, int maxMessagesPerConnection, Duration idle) {
    public static Options forPort(int port) {
      return new Options(port, Duration.ofSeconds(30), 100, Duration.ofSeconds(30));
    }
  }

  private final Options options;
  private final Cache<LaneKey, SmtpLane> lanes;

  public SmtpConnections(Options options) {
    this.options = options;
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

  /** Sends on the lane for {@code key}; never completes exceptionally. */
  public CompletableFuture<SmtpResult> send(
      LaneKey key, Composition composition, Instant notBefore, Supplier<Optional<String>> gate) {
    for (int tries = 0; ; tries++) {
      SmtpLane lane =
          lanes.get(
              key,
              k ->
                  new SmtpLane(
                      k, options.port(), options.timeout(), options.maxMessagesPerConnection()));
      try {
        return lane.send(composition, notBefore, gate);
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

  @Override
  public void close() {
    lanes.invalidateAll();
    lanes.cleanUp();
  }
}
