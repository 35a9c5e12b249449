package dev.heron.api.webhook;

import dev.heron.api.db.Db;
import dev.heron.api.db.Rows;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends pending webhook deliveries: claims the due ones (safe with several instances), POSTs each
 * signed event, and records the outcome: delivered on a 2xx answer, otherwise another attempt after
 * the {@link WebhookRetryPolicy}'s backoff, or failed after the last one.
 */
@Singleton
class WebhookDeliverer {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeliverer.class);
  private static final int CLAIM = 100;
  private static final long IDLE_MILLIS = 250;

  private record Due(
      long id,
      UUID eventId,
      String eventType,
      String payload,
      int attempts,
      String url,
      String secret) {
    static Due of(ResultSet row) throws SQLException {
      return new Due(
          row.getLong("id"),
          Rows.uuid(row, "event_id"),
          row.getString("event_type"),
          row.getString("payload"),
          row.getInt("attempts"),
          row.getString("url"),
          row.getString("secret"));
    }
  }

  private final Db db;
  private final WebhookRetryPolicy retries;
  private final WebhookSettings settings;
  private final HttpClient http;
  private final Semaphore wake = new Semaphore(0);
  private final Thread thread;
  private volatile boolean running = true;

  WebhookDeliverer(Db db, WebhookRetryPolicy retries, WebhookSettings settings) {
    this.db = db.withQueries(WebhookQueries.FILE, WebhookQueries.ALL);
    this.retries = retries;
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.thread = new Thread(this::run, "webhook-deliverer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** New deliveries are waiting: look now rather than at the next tick. */
  void wakeUp() {
    wake.release();
  }

  private void run() {
    while (running) {
      try {
        List<Due> due = claim();
        if (due.isEmpty()) {
          wake.tryAcquire(IDLE_MILLIS, TimeUnit.MILLISECONDS);
          wake.drainPermits();
          continue;
        }
        CompletableFuture.allOf(due.stream().map(this::attempt).toArray(CompletableFuture[]::new))
            .join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("webhook deliveries not sent yet: {}", e.toString());
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private List<Due> claim() {
    // Leased for longer than one attempt can take, so no other worker takes them meanwhile.
    Instant leasedUntil = Instant.now().plus(settings.timeout().multipliedBy(3));
    return db.transaction(tx -> tx.list(WebhookQueries.CLAIM_DUE, Due::of, CLAIM, leasedUntil));
  }

  private CompletableFuture<Void> attempt(Due due) {
    byte[] body = due.payload().getBytes(StandardCharsets.UTF_8);
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(due.url()))
              .timeout(settings.timeout())
              .header("Content-Type", "application/json")
              .header("User-Agent", "Heron-Webhooks/1")
              .header("Heron-Event-Id", due.eventId().toString())
              .header("Heron-Event-Type", due.eventType())
              .header("Heron-Delivery-Id", Long.toString(due.id()))
              .header(
                  WebhookSignature.HEADER, WebhookSignature.sign(due.secret(), Instant.now(), body))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
    } catch (IllegalArgumentException badUrl) {
      failed(due, null, "cannot request " + due.url() + ": " + badUrl.getMessage());
      return CompletableFuture.completedFuture(null);
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, error) -> {
              if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                failed(due, null, cause.toString());
              } else if (response.statusCode() / 100 == 2) {
                delivered(due, response.statusCode());
              } else {
                failed(due, response.statusCode(), "answered " + response.statusCode());
              }
              return null;
            });
  }

  private void delivered(Due due, int status) {
    db.transaction(tx -> tx.update(WebhookQueries.DELIVERED, status, due.id()));
  }

  private void failed(Due due, Integer status, String error) {
    int attempts = due.attempts() + 1;
    Optional<Duration> wait = retries.nextDelay(attempts);
    db.transaction(
        tx ->
            tx.update(
                WebhookQueries.ATTEMPT_FAILED,
                wait.isPresent() ? "pending" : "failed",
                status,
                error.length() > 500 ? error.substring(0, 500) : error,
                Instant.now().plus(wait.orElse(Duration.ZERO)),
                due.id()));
  }

  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(10_000);
  }
}
