package dev.heron.senders.delivery;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.SendRequest;
import dev.heron.events.TrackingLinks;
import dev.heron.senders.content.CompiledTemplate;
import dev.heron.senders.content.LinkTracker;
import dev.heron.senders.content.MissingVariableException;
import dev.heron.senders.content.Rendered;
import dev.heron.senders.content.TemplateCatalog;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns send requests into messages and outcome events, whatever the channel: it claims each
 * message, refuses suppressed recipients, renders and tracks the content, pushes it to the
 * channel's {@link Messenger}, retries deferrals, and reports every outcome to the {@link
 * EventSink} and the {@link DeliveryStore}. It knows channels only through their messengers.
 */
public final class DeliveryManager {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryManager.class);
  public static final String SOURCE = "senders";

  private final DeliveryStore store;
  private final TemplateCatalog templates;
  private final TrackingLinks tracking;
  private final LinkTracker linkTracker;
  private final Map<String, Messenger> messengers;
  private final EventSink events;
  private final RetryPolicy retry;
  private final String instance;
  private final ClaimLeases leases;

  public DeliveryManager(
      DeliveryStore store,
      TemplateCatalog templates,
      TrackingLinks tracking,
      List<Messenger> messengers,
      EventSink events,
      RetryPolicy retry,
      String instance) {
    this(store, templates, tracking, messengers, events, retry, instance, new ClaimLeases());
  }

  /**
   * @param leases where this manager notes the messages it has in flight, for their leases to be
   *     renewed while it lives
   */
  public DeliveryManager(
      DeliveryStore store,
      TemplateCatalog templates,
      TrackingLinks tracking,
      List<Messenger> messengers,
      EventSink events,
      RetryPolicy retry,
      String instance,
      ClaimLeases leases) {
    this.leases = leases;
    this.store = store;
    this.templates = templates;
    this.tracking = tracking;
    this.linkTracker = new LinkTracker(tracking);
    this.messengers = new HashMap<>();
    messengers.forEach(m -> this.messengers.put(m.name(), m));
    this.events = events;
    this.retry = retry;
    this.instance = instance;
  }

  /**
   * Delivers a batch and returns once every message has its final outcome recorded and its events
   * are durable. A failure of the store or the event sink fails the batch (it is then delivered
   * again, and the claims keep any message from going out twice).
   */
  public void deliver(List<SendRequest> batch) {
    List<CompletableFuture<Void>> pending = new ArrayList<>(batch.size());
    try {
      for (SendRequest request : batch) {
        pending.add(deliver(request));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      abandon(batch.stream().map(SendRequest::messageId).toList(), pending);
      throw e;
    }
    events.flush();
  }

  /**
   * After a failure: waits for what was already handed over, then stops renewing the leases of the
   * messages left unfinished, so that their watchdog retries fall due.
   */
  private void abandon(List<UUID> messageIds, List<CompletableFuture<Void>> pending) {
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException ignored) {
      // The failure being reported is the one that stopped the batch.
    }
    messageIds.forEach(leases::release);
  }

  private CompletableFuture<Void> deliver(SendRequest request) {
    if (!store.claim(request, instance)) {
      // Never sent twice. When the first run recorded an outcome, its events are emitted again,
      // identical, in case the first emission was lost; consumers de-duplicate on the event id.
      store.completion(request).ifPresent(done -> publishCompletion(request, done));
      LOG.debug("message {} was already claimed: not sent again", request.messageId());
      return CompletableFuture.completedFuture(null);
    }
    leases.hold(request.messageId(), 1);
    Optional<String> refusal = store.refusal(request);
    if (refusal.isPresent()) {
      finish(request, DeliveryAttempt.local(Verdict.DROPPED, refusal.get()), 0);
      return CompletableFuture.completedFuture(null);
    }
    Messenger messenger = messengers.get(request.channel().wireName());
    if (messenger == null) {
      finish(
          request,
          DeliveryAttempt.local(
              Verdict.FAILED, "field 'channel': no messenger for " + request.channel().wireName()),
          0);
      return CompletableFuture.completedFuture(null);
    }
    RenderedContent content;
    try {
      Optional<RenderedContent> prepared = prepare(request);
      if (prepared.isEmpty()) {
        return CompletableFuture.completedFuture(null);
      }
      content = prepared.get();
    } catch (RuntimeException e) {
      if (e instanceof StoreUnavailableException) {
        throw e;
      }
      LOG.warn("message {} cannot be prepared", request.messageId(), e);
      finish(request, DeliveryAttempt.local(Verdict.FAILED, "cannot prepare: " + e), 0);
      return CompletableFuture.completedFuture(null);
    }
    return attempt(
        new OutboundMessage(request, content, 1),
        messenger,
        Instant.now(),
        new AtomicReference<>());
  }

  /**
   * Makes the next try of the retries that are due; returns how many it took. Their outcomes are
   * recorded and their events durable when it returns.
   */
  public int retryDue(int limit) {
    List<PendingRetry> due = store.takeDueRetries(limit);
    List<CompletableFuture<Void>> pending = new ArrayList<>(due.size());
    try {
      for (PendingRetry retry : due) {
        leases.hold(retry.request().messageId(), retry.attempt());
        pending.add(retry(retry));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      abandon(due.stream().map(r -> r.request().messageId()).toList(), pending);
      throw e;
    }
    if (!due.isEmpty()) {
      events.flush();
    }
    return due.size();
  }

  private CompletableFuture<Void> retry(PendingRetry retry) {
    SendRequest request = retry.request();
    Messenger messenger = messengers.get(request.channel().wireName());
    Optional<RenderedContent> content;
    try {
      content = prepare(request);
    } catch (RuntimeException e) {
      if (e instanceof StoreUnavailableException) {
        throw e;
      }
      finish(request, DeliveryAttempt.local(Verdict.FAILED, "cannot prepare: " + e), 0);
      return CompletableFuture.completedFuture(null);
    }
    if (content.isEmpty()) {
      return CompletableFuture.completedFuture(null); // finished while preparing
    }
    OutboundMessage message =
        new OutboundMessage(request, content.get(), retry.attempt(), retry.sendingIp());
    return attempt(
        message, messenger, retry.firstAttemptAt(), new AtomicReference<>(retry.sentAt()));
  }

  /** The rendered, tracked content; empty when the message was dropped instead. */
  private Optional<RenderedContent> prepare(SendRequest request) {
    Optional<CompiledTemplate> template =
        templates.get(request.templateId(), request.templateVersion());
    if (template.isEmpty()) {
      finish(
          request,
          DeliveryAttempt.local(
              Verdict.FAILED,
              "field 'templateId': template "
                  + request.templateId()
                  + " version "
                  + request.templateVersion()
                  + " does not exist"),
          0);
      return Optional.empty();
    }
    String unsubscribeUrl = tracking.unsubscribeUrl(request.messageId());
    Map<String, Object> variables = new HashMap<>(request.variables());
    variables.putIfAbsent("unsubscribeUrl", unsubscribeUrl);
    Rendered rendered;
    try {
      rendered = template.get().render(variables);
    } catch (MissingVariableException e) {
      finish(request, DeliveryAttempt.local(Verdict.DROPPED, e.getMessage()), 0);
      return Optional.empty();
    }
    String html = rendered.html();
    List<String> links = List.of();
    if (html != null) {
      LinkTracker.TrackedHtml tracked = linkTracker.track(request.messageId(), html);
      html = tracked.html();
      links = tracked.links();
      if (!links.isEmpty()) {
        store.recordLinks(request.messageId(), links);
      }
    }
    return Optional.of(
        new RenderedContent(rendered.subject(), html, rendered.text(), links, unsubscribeUrl));
  }

  /**
   * @param sentAt when the message was first handed over, across retries; set on the first
   */
  private CompletableFuture<Void> attempt(
      OutboundMessage message,
      Messenger messenger,
      Instant firstAttemptAt,
      AtomicReference<Instant> sentAt) {
    return messenger
        .push(message)
        .thenCompose(
            attempt -> {
              SendRequest request = message.request();
              if (attempt.handedOver() && sentAt.compareAndSet(null, stored(attempt.handedAt()))) {
                events.publish(
                    sentEvent(request, attempt.sendingIp(), attempt.provider(), sentAt.get()));
              }
              if (attempt.verdict().type() != EventType.DEFERRED) {
                finish(request, attempt, message.attempt(), sentAt.get());
                return CompletableFuture.completedFuture(null);
              }
              Instant next = retry.nextTry(message.attempt(), firstAttemptAt, Instant.now());
              if (next == null) {
                finish(
                    request,
                    attempt.withVerdict(
                        Verdict.SOFT,
                        "deferred " + message.attempt() + " times; the last reply is kept"),
                    message.attempt(),
                    sentAt.get());
                return CompletableFuture.completedFuture(null);
              }
              // The next try waits in the store, not here: the batch behind it goes on.
              store.scheduleRetry(
                  new PendingRetry(
                      request,
                      message.attempt() + 1,
                      next,
                      firstAttemptAt,
                      sentAt.get(),
                      attempt.sendingIp()));
              leases.release(request.messageId());
              events.publish(
                  outcomeEvent(request, attempt)
                      .eventId(EventIds.deferral(request.messageId(), message.attempt()))
                      .build());
              return CompletableFuture.completedFuture(null);
            });
  }

  private void finish(SendRequest request, DeliveryAttempt outcome, int attempts) {
    finish(request, outcome, attempts, null);
  }

  /** Records the final outcome, then reports it: the claim holds what a replay re-emits. */
  private void finish(SendRequest request, DeliveryAttempt outcome, int attempts, Instant sentAt) {
    Completion completion = new Completion(outcome, attempts, sentAt, stored(Instant.now()));
    store.recordOutcome(request, completion);
    leases.release(request.messageId());
    events.publish(finalEvent(request, completion));
  }

  /** A time as the database keeps it (microseconds), so that a replay re-emits it unchanged. */
  private static Instant stored(Instant time) {
    return time.truncatedTo(ChronoUnit.MICROS);
  }

  private void publishCompletion(SendRequest request, Completion done) {
    DeliveryAttempt outcome = done.outcome();
    if (done.sentAt() != null) {
      events.publish(sentEvent(request, outcome.sendingIp(), outcome.provider(), done.sentAt()));
    }
    events.publish(finalEvent(request, done));
  }

  static Event finalEvent(SendRequest request, Completion completion) {
    return outcomeEvent(request, completion.outcome())
        .eventId(EventIds.outcome(request.messageId()))
        .occurredAt(completion.completedAt())
        .build();
  }

  static Event sentEvent(SendRequest request, String sendingIp, String provider, Instant at) {
    return Event.about(request, EventType.SENT)
        .eventId(EventIds.sent(request.messageId()))
        .source(SOURCE)
        .occurredAt(at)
        .sendingIp(sendingIp)
        .provider(provider)
        .build();
  }

  static Event.Builder outcomeEvent(SendRequest request, DeliveryAttempt attempt) {
    Event.Builder event =
        Event.about(request, attempt.verdict().type())
            .source(SOURCE)
            .sendingIp(attempt.sendingIp())
            .provider(attempt.provider())
            .bounceClass(attempt.verdict().bounceClass())
            .reason(attempt.reason());
    if (attempt.reply() != null) {
      event.smtpReply(
          attempt.reply().code(), attempt.reply().enhancedStatus(), attempt.reply().text());
    }
    return event;
  }
}
