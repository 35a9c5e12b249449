package dev.heron.senders.delivery;

import dev.heron.events.Channel;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns send requests into messages and outcome events, whatever the channel: it claims each
 * message, refuses suppressed recipients, renders and tracks the content, pushes it to the
 * channel's {@link Messenger}, retries deferrals, and reports every outcome to the {@link
 * EventSink} and the {@link DeliveryStore}. It knows channels only through their messengers. A
 * batch costs the store a few round trips whatever its size: claims, refusals and links are read
 * and written for the whole batch, outcomes in groups by the {@link OutcomeWriter}.
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
  private final OutcomeWriter outcomes;

  /** A message ready for its messenger. */
  private record Ready(OutboundMessage message, Messenger messenger, PendingRetry retry) {}

  public DeliveryManager(
      DeliveryStore store,
      TemplateCatalog templates,
      TrackingLinks tracking,
      List<Messenger> messengers,
      EventSink events,
      RetryPolicy retry,
      String instance) {
    this(
        store,
        templates,
        tracking,
        messengers,
        events,
        retry,
        instance,
        new ClaimLeases(),
        OutcomeWriter.direct(store));
  }

  /**
   * @param leases where this manager notes the messages it has in flight, for their leases to be
   *     renewed while it lives
   * @param outcomes how outcomes reach the store
   */
  public DeliveryManager(
      DeliveryStore store,
      TemplateCatalog templates,
      TrackingLinks tracking,
      List<Messenger> messengers,
      EventSink events,
      RetryPolicy retry,
      String instance,
      ClaimLeases leases,
      OutcomeWriter outcomes) {
    this.store = store;
    this.templates = templates;
    this.tracking = tracking;
    this.linkTracker = new LinkTracker(tracking);
    this.messengers = new HashMap<>();
    messengers.forEach(m -> this.messengers.put(m.name(), m));
    this.events = events;
    this.retry = retry;
    this.instance = instance;
    this.leases = leases;
    this.outcomes = outcomes;
  }

  /**
   * Delivers a batch and returns once every message has its final outcome recorded and its events
   * are durable. A failure of the store or the event sink fails the batch (it is then delivered
   * again, and the claims keep any message from going out twice).
   */
  public void deliver(List<SendRequest> batch) {
    Map<UUID, SendRequest> unique = new LinkedHashMap<>();
    batch.forEach(r -> unique.putIfAbsent(r.messageId(), r)); // Kafka may repeat a record
    List<SendRequest> requests = List.copyOf(unique.values());
    List<CompletableFuture<Void>> pending = new ArrayList<>(requests.size());
    try {
      if (!requests.isEmpty()) {
        Set<UUID> claimed = store.claim(requests, instance);
        List<SendRequest> fresh = new ArrayList<>(claimed.size());
        List<SendRequest> again = new ArrayList<>();
        for (SendRequest r : requests) {
          if (claimed.contains(r.messageId())) {
            leases.hold(r.messageId(), 1);
            fresh.add(r);
          } else {
            again.add(r);
          }
        }
        Map<UUID, String> refusals = fresh.isEmpty() ? Map.of() : store.refusals(fresh);
        List<Ready> ready = new ArrayList<>(fresh.size());
        for (SendRequest r : fresh) {
          String refusal = refusals.get(r.messageId());
          if (refusal != null) {
            pending.add(finish(r, DeliveryAttempt.local(Verdict.DROPPED, refusal), 0, null));
          } else {
            prepare(r, 1, null, ready, pending);
          }
        }
        pending.addAll(send(ready, Instant.now()));
        join(pending);
        // After the fresh messages are finished, so that an unreadable old claim cannot hold them.
        replay(again);
      }
      join(pending);
    } catch (RuntimeException e) {
      abandon(requests.stream().map(SendRequest::messageId).toList(), pending);
      throw e;
    }
    events.flush();
  }

  /**
   * Re-emits the recorded outcomes of messages claimed before: identical events (ids derived from
   * the message), in case the first emission was lost; consumers de-duplicate on the event id. A
   * message claimed but without an outcome is in flight elsewhere, or comes back by its lease.
   */
  private void replay(List<SendRequest> again) {
    if (again.isEmpty()) {
      return;
    }
    Map<UUID, Completion> done = store.completions(again);
    for (SendRequest r : again) {
      Completion completion = done.get(r.messageId());
      if (completion != null) {
        publishCompletion(r, completion);
      }
      LOG.debug("message {} was already claimed: not sent again", r.messageId());
    }
  }

  /**
   * Makes the next try of the retries that are due; returns how many it took. Their outcomes are
   * recorded and their events durable when it returns.
   */
  public int retryDue(int limit) {
    return retry(takeDueRetries(limit).readable());
  }

  /** Takes up to {@code limit} due retries, leased (see {@link DeliveryStore#takeDueRetries}). */
  public DueRetries takeDueRetries(int limit) {
    return store.takeDueRetries(limit);
  }

  /**
   * Makes the next try of retries taken; returns how many were tried. Their outcomes are recorded
   * and their events durable when it returns.
   */
  public int retry(List<PendingRetry> retries) {
    // A watchdog retry of a message this sender still has in flight (its renewal came late) is
    // left alone: the try in flight finishes it.
    List<PendingRetry> taken =
        retries.stream().filter(r -> !leases.holds(r.request().messageId())).toList();
    // A try that finished here between the take and the filter has already released its lease:
    // its recorded outcome says it is done.
    Set<UUID> finished =
        taken.isEmpty()
            ? Set.of()
            : store.completions(taken.stream().map(PendingRetry::request).toList()).keySet();
    List<PendingRetry> due =
        taken.stream().filter(r -> !finished.contains(r.request().messageId())).toList();
    List<CompletableFuture<Void>> pending = new ArrayList<>(due.size());
    try {
      List<Ready> ready = new ArrayList<>(due.size());
      for (PendingRetry r : due) {
        leases.hold(r.request().messageId(), r.attempt());
        prepare(r.request(), r.attempt(), r, ready, pending);
      }
      pending.addAll(send(ready, null));
      join(pending);
    } catch (RuntimeException e) {
      abandon(due.stream().map(r -> r.request().messageId()).toList(), pending);
      throw e;
    }
    if (!due.isEmpty()) {
      events.flush();
    }
    return due.size();
  }

  /**
   * Ends retries that cannot be made (their dead letters already durable): out of the line, their
   * messages finished as {@code FAILED} with the reason unless an outcome was recorded before, and
   * the outcome event of each message failed now is durable when it returns. A message whose
   * request cannot be read gets its event from its recipient row, when there is one.
   */
  public void setApart(List<RetrySetApart> apart) {
    if (apart.isEmpty()) {
      return;
    }
    Map<UUID, FailedMessage> failed = store.setApartRetries(apart, instance);
    for (RetrySetApart a : apart) {
      FailedMessage f = failed.get(a.messageId());
      if (f == null) {
        continue; // its recorded outcome stands
      }
      DeliveryAttempt outcome = DeliveryAttempt.local(Verdict.FAILED, a.reason());
      if (a.request() != null) {
        events.publish(
            finalEvent(a.request(), new Completion(outcome, 0, null, stored(f.failedAt()))));
      } else if (channelOf(f) != null) {
        events.publish(
            Event.builder(EventType.FAILED)
                .eventId(EventIds.outcome(f.messageId()))
                .occurredAt(stored(f.failedAt()))
                .source(SOURCE)
                .tenantId(f.tenantId())
                .campaignId(f.campaignId())
                .messageId(f.messageId())
                .recipientId(f.recipientId())
                .contactId(f.contactId())
                .channel(channelOf(f))
                .variant(f.variant())
                .reason(a.reason())
                .build());
      } else {
        LOG.warn("message {} failed with no readable recipient row: no event", f.messageId());
      }
    }
    events.flush();
  }

  private static Channel channelOf(FailedMessage f) {
    try {
      return f.channel() == null ? null : Channel.fromWire(f.channel());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Renders and tracks a message for its channel, adding it to {@code ready}; or, when it cannot be
   * sent (no such channel or template, a missing variable), finishes it, adding to {@code
   * finishing}.
   */
  private void prepare(
      SendRequest request,
      int attempt,
      PendingRetry retried,
      List<Ready> ready,
      List<CompletableFuture<Void>> finishing) {
    Messenger messenger = messengers.get(request.channel().wireName());
    if (messenger == null) {
      finishing.add(
          finish(
              request,
              DeliveryAttempt.local(
                  Verdict.FAILED,
                  "field 'channel': no messenger for " + request.channel().wireName()),
              0,
              null));
      return;
    }
    DeliveryAttempt refused;
    try {
      Optional<CompiledTemplate> template =
          templates.get(request.templateId(), request.templateVersion());
      if (template.isPresent()) {
        RenderedContent content = render(request, template.get());
        String previousIp = retried == null ? null : retried.sendingIp();
        ready.add(
            new Ready(
                new OutboundMessage(request, content, attempt, previousIp), messenger, retried));
        return;
      }
      refused =
          DeliveryAttempt.local(
              Verdict.FAILED,
              "field 'templateId': template "
                  + request.templateId()
                  + " version "
                  + request.templateVersion()
                  + " does not exist");
    } catch (MissingVariableException e) {
      refused = DeliveryAttempt.local(Verdict.DROPPED, e.getMessage());
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("message {} cannot be prepared", request.messageId(), e);
      refused = DeliveryAttempt.local(Verdict.FAILED, "cannot prepare: " + e);
    }
    finishing.add(finish(request, refused, 0, retried == null ? null : retried.sentAt()));
  }

  private RenderedContent render(SendRequest request, CompiledTemplate template) {
    String unsubscribeUrl = tracking.unsubscribeUrl(request.messageId());
    Map<String, Object> variables = new HashMap<>(request.variables());
    variables.putIfAbsent("unsubscribeUrl", unsubscribeUrl);
    Rendered rendered = template.render(variables);
    String html = rendered.html();
    List<String> links = List.of();
    if (html != null) {
      LinkTracker.TrackedHtml tracked = linkTracker.track(request.messageId(), html);
      html = tracked.html();
      links = tracked.links();
    }
    return new RenderedContent(rendered.subject(), html, rendered.text(), links, unsubscribeUrl);
  }

  /** Records the links of the ready messages (before any of them can be clicked), then pushes. */
  private List<CompletableFuture<Void>> send(List<Ready> ready, Instant firstAttemptAt) {
    Map<UUID, List<String>> links = new LinkedHashMap<>();
    for (Ready r : ready) {
      if (!r.message().content().links().isEmpty()) {
        links.put(r.message().request().messageId(), r.message().content().links());
      }
    }
    if (!links.isEmpty()) {
      store.recordLinks(links);
    }
    List<CompletableFuture<Void>> pushed = new ArrayList<>(ready.size());
    for (Ready r : ready) {
      pushed.add(
          r.retry() == null
              ? attempt(r.message(), r.messenger(), firstAttemptAt, new AtomicReference<>())
              : attempt(
                  r.message(),
                  r.messenger(),
                  r.retry().firstAttemptAt(),
                  new AtomicReference<>(r.retry().sentAt())));
    }
    return pushed;
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
                return finish(request, attempt, message.attempt(), sentAt.get());
              }
              Instant next = retry.nextTry(message.attempt(), firstAttemptAt, Instant.now());
              if (next == null) {
                return finish(
                    request,
                    attempt.withVerdict(
                        Verdict.SOFT,
                        "deferred " + message.attempt() + " times; the last reply is kept"),
                    message.attempt(),
                    sentAt.get());
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

  /** Records the final outcome, then reports it: the claim holds what a replay re-emits. */
  private CompletableFuture<Void> finish(
      SendRequest request, DeliveryAttempt outcome, int attempts, Instant sentAt) {
    Completion completion = new Completion(outcome, attempts, sentAt, stored(Instant.now()));
    return outcomes
        .record(new Outcome(request, completion))
        .thenRun(
            () -> {
              leases.release(request.messageId());
              events.publish(finalEvent(request, completion));
            });
  }

  private static void join(List<CompletableFuture<Void>> pending) {
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
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
