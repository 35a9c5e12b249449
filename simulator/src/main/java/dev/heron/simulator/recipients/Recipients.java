package dev.heron.simulator.recipients;

import dev.heron.simulator.World;
import dev.heron.simulator.smtp.AcceptedMessage;
import dev.heron.simulator.smtp.MailboxBehaviour;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The people behind the simulated mailboxes. After a delivery each recipient, per their hidden
 * {@link Habits}, opens the message (fetches its pixel), maybe clicks one tracked link and, rarely,
 * unsubscribes with one click, through the real tracking endpoints. Redirects are not followed: a
 * click's target is not reachable here, and its 302 is the tracking endpoint's success.
 */
public final class Recipients implements AutoCloseable {
  /** The User-Agent of machine opens (a privacy proxy prefetching images at delivery). */
  public static final String PREFETCH_USER_AGENT =
      "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"
          + " HeronSim-Prefetch/1.0";

  /** The User-Agent of people reading their mail. */
  public static final String PERSON_USER_AGENT =
      "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
          + " HeronSim-Recipient/1.0";

  private static final Logger LOG = LoggerFactory.getLogger(Recipients.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** More pending actions than this and new deliveries are not engaged with (bounded memory). */
  private static final int MAX_PENDING = 20_000;

  private final World world;
  private final long seed;
  private final Clock clock;
  private final Consumer<Engagement> record;
  private final ScheduledExecutorService timer;
  private final HttpClient http;
  private final AtomicInteger pending = new AtomicInteger();

  public Recipients(World world, long seed, Clock clock, Consumer<Engagement> record) {
    this.world = world;
    this.seed = seed;
    this.clock = clock;
    this.record = record;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sim-recipients");
              thread.setDaemon(true);
              return thread;
            });
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
  }

  /** The hidden habits of {@code address}; tests use this to know what to expect. */
  public Habits habitsOf(String address, String provider) {
    return Habits.of(address, provider, world.habits(), seed);
  }

  /** What {@code address} will do with a message delivered at {@code message.at()}. */
  public EngagementPlan planFor(
      String address, String provider, String messageKey, Instant deliveredAt) {
    return EngagementPlan.of(
        address,
        messageKey,
        habitsOf(address, provider),
        world.habits().hourAffinityWeight(),
        deliveredAt,
        world.timings(),
        seed);
  }

  /**
   * Called once per accepted recipient, on the SMTP session's thread: the person's plan is made on
   * the recipients' own thread, so that the SMTP reply never waits for MIME parsing.
   */
  public void delivered(AcceptedMessage delivered) {
    try {
      timer.execute(() -> plan(delivered));
    } catch (RejectedExecutionException stopped) {
      LOG.debug("recipients: stopped, {} is not read", delivered.messageId());
    }
  }

  private void plan(AcceptedMessage delivered) {
    if (delivered.behaviour() == MailboxBehaviour.LATE_BOUNCE) {
      return; // the mailbox turns out not to exist: nobody reads it
    }
    if (pending.get() >= MAX_PENDING) {
      LOG.warn("recipients: too busy, {} ignores {}", delivered.recipient(), delivered.messageId());
      return;
    }
    String key =
        delivered.messageId() != null ? delivered.messageId() : delivered.file().toString();
    EngagementPlan plan = planFor(delivered.recipient(), delivered.provider(), key, delivered.at());
    if (!plan.prefetch() && plan.openAfter().isEmpty()) {
      LOG.info("recipient {}: leaves {} unread", delivered.recipient(), delivered.messageId());
      return; // decided before parsing: a message nobody reads costs no MIME parsing
    }
    TrackedLinks links = TrackedLinks.in(delivered.raw());
    boolean complains = delivered.behaviour() == MailboxBehaviour.COMPLAIN;
    // What is still to happen holds this, not the delivered message and its bytes.
    Reading message = new Reading(delivered.recipient(), delivered.messageId());
    if (plan.prefetch() && links.pixel().isPresent()) {
      fetch(
          message,
          Engagement.Action.PREFETCH,
          links.pixel().get(),
          PREFETCH_USER_AGENT,
          Duration.ZERO);
    }
    if (plan.openAfter().isEmpty()) {
      LOG.info("recipient {}: leaves {} unread", message.recipient(), message.messageId());
      return;
    }
    CompletableFuture<Void> opened =
        links.pixel().isPresent()
            ? fetch(
                message,
                Engagement.Action.OPEN,
                links.pixel().get(),
                PERSON_USER_AGENT,
                plan.openAfter().get())
            : later(plan.openAfter().get());
    if (complains) {
      return; // marks it as spam instead: the provider's report does the rest
    }
    Optional<String> link = choose(links.clicks(), plan.linkChoice());
    if (plan.clickAfter().isPresent() && link.isPresent()) {
      opened.thenRun(
          () ->
              fetch(
                  message,
                  Engagement.Action.CLICK,
                  link.get(),
                  PERSON_USER_AGENT,
                  plan.clickAfter().get()));
    }
    if (plan.unsubscribeAfter().isPresent() && links.oneClickUnsubscribe().isPresent()) {
      opened.thenRun(
          () ->
              fetch(
                  message,
                  Engagement.Action.UNSUBSCRIBE,
                  links.oneClickUnsubscribe().get(),
                  PERSON_USER_AGENT,
                  plan.unsubscribeAfter().get()));
    }
  }

  /** Who reads which message. */
  private record Reading(String recipient, String messageId) {}

  private static Optional<String> choose(List<String> links, int choice) {
    return links.isEmpty() ? Optional.empty() : Optional.of(links.get(choice % links.size()));
  }

  private CompletableFuture<Void> later(Duration delay) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    pending.incrementAndGet();
    try {
      timer.schedule(
          () -> {
            pending.decrementAndGet();
            done.complete(null);
          },
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      pending.decrementAndGet();
      done.completeExceptionally(stopped);
    }
    return done;
  }

  /** After {@code delay}, one request to a tracking URL; completes when it is answered. */
  private CompletableFuture<Void> fetch(
      Reading message, Engagement.Action action, String url, String userAgent, Duration delay) {
    return later(delay)
        .thenCompose(ignored -> send(action, url, userAgent))
        .handle(
            (status, failure) -> {
              if (failure != null && rootCause(failure) instanceof RejectedExecutionException) {
                return null; // the simulator stopped before this person got round to it
              }
              String error = failure == null ? null : rootMessage(failure);
              Engagement engagement =
                  new Engagement(
                      clock.instant(),
                      message.recipient(),
                      message.messageId(),
                      action,
                      url,
                      userAgent,
                      failure == null ? status : -1,
                      error);
              LOG.info(
                  "recipient {}: {} {} -> {}",
                  message.recipient(),
                  action.name().toLowerCase(Locale.ROOT),
                  message.messageId(),
                  error == null ? status : error);
              record.accept(engagement);
              return null;
            });
  }

  private CompletableFuture<Integer> send(Engagement.Action action, String url, String userAgent) {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    request.header("User-Agent", userAgent);
    if (action == Engagement.Action.UNSUBSCRIBE) {
      // RFC 8058: a POST whose body is exactly this form field.
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"));
    } else {
      request.GET();
    }
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .thenApply(HttpResponse::statusCode);
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = rootCause(failure);
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static Throwable rootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root;
  }

  @Override
  public void close() {
    int dropped = timer.shutdownNow().size();
    if (dropped > 0) {
      LOG.info("recipients: {} planned actions dropped at shutdown", dropped);
    }
  }
}
