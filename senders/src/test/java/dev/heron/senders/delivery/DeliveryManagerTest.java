package dev.heron.senders.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.BounceClass;
import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.MessageClass;
import dev.heron.events.SendRequest;
import dev.heron.events.TrackingLinks;
import dev.heron.senders.content.TemplateCatalog;
import dev.heron.senders.content.TemplateVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The manager on its own, through its interfaces: an in-memory store and a scripted channel. */
class DeliveryManagerTest {
  private static final UUID TEMPLATE = UUID.randomUUID();

  private final MemoryStore store = new MemoryStore();
  private final ScriptedMessenger channel = new ScriptedMessenger();
  private final List<Event> events = new ArrayList<>();
  private final EventSink sink =
      new EventSink() {
        @Override
        public synchronized void publish(Event event) {
          events.add(event);
        }

        @Override
        public void flush() {}
      };
  private final DeliveryManager manager =
      new DeliveryManager(
          store,
          new TemplateCatalog(
              (id, version) ->
                  id.equals(TEMPLATE)
                      ? Optional.of(
                          new TemplateVersion(
                              id,
                              1,
                              "email",
                              "Hi {{name}}",
                              "<a href=\"https://x.test\">x</a>",
                              null))
                      : Optional.empty()),
          new TrackingLinks("https://t.test", "s"),
          List.of(channel),
          sink,
          new RetryPolicy(3, Duration.ofMillis(10)),
          "test");

  private static SendRequest request(UUID template, Map<String, Object> variables) {
    return request(template, "a@x.test", variables);
  }

  /** A marketing email request of a new message, tenant and campaign. */
  static SendRequest request(UUID template, String address, Map<String, Object> variables) {
    return new SendRequest(
        1,
        Instant.now(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID(),
        Channel.EMAIL,
        MessageClass.MARKETING,
        "A",
        address,
        "news.test",
        null,
        template,
        1,
        variables);
  }

  private static DeliveryAttempt replied(Verdict verdict, int code, String text) {
    return new DeliveryAttempt(
        verdict,
        new DeliveryAttempt.Reply(code, null, text),
        null,
        "127.0.0.2",
        "gmail",
        Instant.now());
  }

  /** Runs due retries until none is left, as the retry scheduler would. */
  private void retryUntilDone() throws InterruptedException {
    for (int i = 0; i < 100 && !store.retries.isEmpty(); i++) {
      Thread.sleep(10);
      manager.retryDue(10);
    }
    assertThat(store.retries).isEmpty();
  }

  private List<EventType> typesOf(SendRequest r) {
    return events.stream()
        .filter(e -> e.messageId().equals(r.messageId()))
        .map(Event::type)
        .toList();
  }

  @Test
  void aDeferralIsRetriedLaterAndSentIsReportedOnce() throws Exception {
    SendRequest r = request(TEMPLATE, Map.of("name", "Ann"));
    channel.script(
        replied(Verdict.DEFERRED, 451, "451 busy"), replied(Verdict.DELIVERED, 250, "250 ok"));

    manager.deliver(List.of(r));
    // The batch is done with the deferral recorded; the retry waits in the store.
    assertThat(typesOf(r)).containsExactly(EventType.SENT, EventType.DEFERRED);
    assertThat(store.retries.get(r.messageId()).sendingIp()).isEqualTo("127.0.0.2");
    retryUntilDone();

    assertThat(typesOf(r)).containsExactly(EventType.SENT, EventType.DEFERRED, EventType.DELIVERED);
    assertThat(channel.pushed).extracting(OutboundMessage::attempt).containsExactly(1, 2);
    assertThat(channel.pushed.get(1).previousSendingIp()).isEqualTo("127.0.0.2");
    assertThat(store.completions.get(r.messageId()).attempts()).isEqualTo(2);
    assertThat(store.links.get(r.messageId())).containsExactly("https://x.test");
    assertThat(events).allMatch(e -> "senders".equals(e.source()));
  }

  @Test
  void aDeferralThatNeverClearsBecomesASoftBounceWithTheLastReply() throws Exception {
    SendRequest r = request(TEMPLATE, Map.of("name", "Ann"));
    channel.script(
        replied(Verdict.DEFERRED, 451, "451 one"),
        replied(Verdict.DEFERRED, 451, "451 two"),
        replied(Verdict.DEFERRED, 452, "452 three"));

    manager.deliver(List.of(r));
    retryUntilDone();

    Event last = events.get(events.size() - 1);
    assertThat(last.type()).isEqualTo(EventType.BOUNCED);
    assertThat(last.bounceClass()).isEqualTo(BounceClass.SOFT);
    assertThat(last.smtpResponse()).isEqualTo("452 three");
    assertThat(typesOf(r))
        .containsExactly(EventType.SENT, EventType.DEFERRED, EventType.DEFERRED, EventType.BOUNCED);
    assertThat(events).extracting(Event::eventId).doesNotHaveDuplicates();
  }

  @Test
  void aDeferralPastTheExpiryIsNotRetried() {
    DeliveryManager shortLived =
        new DeliveryManager(
            store,
            new TemplateCatalog(
                (id, v) -> Optional.of(new TemplateVersion(id, 1, "email", "s", null, "t"))),
            new TrackingLinks("https://t.test", "s"),
            List.of(channel),
            sink,
            new RetryPolicy(10, Duration.ofMinutes(10), Duration.ofMinutes(5)),
            "test");
    SendRequest r = request(TEMPLATE, Map.of());
    channel.script(replied(Verdict.DEFERRED, 421, "421 later"));

    shortLived.deliver(List.of(r));

    assertThat(typesOf(r)).containsExactly(EventType.SENT, EventType.BOUNCED);
    assertThat(store.retries).isEmpty();
  }

  @Test
  void aReplayedRequestSendsNothingAndReEmitsTheSameEvents() {
    SendRequest r = request(TEMPLATE, Map.of("name", "Ann"));
    channel.script(replied(Verdict.DELIVERED, 250, "250 ok"));
    manager.deliver(List.of(r));
    List<Event> first = List.copyOf(events);
    events.clear();

    manager.deliver(List.of(r));

    assertThat(channel.pushed).hasSize(1);
    assertThat(events).containsExactlyElementsOf(first);
  }

  @Test
  void refusedRecipientsMissingVariablesAndUnknownTemplatesAreReportedNotSent() {
    SendRequest suppressed = request(TEMPLATE, Map.of("name", "Ann"));
    store.refusals.put(suppressed.messageId(), "suppressed: complaint");
    SendRequest missing = request(TEMPLATE, Map.of());
    SendRequest unknown = request(UUID.randomUUID(), Map.of());

    manager.deliver(List.of(suppressed, missing, unknown));

    assertThat(channel.pushed).isEmpty();
    assertThat(events)
        .extracting(Event::type, Event::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EventType.DROPPED, "suppressed: complaint"),
            org.assertj.core.groups.Tuple.tuple(
                EventType.DROPPED, "missing variable 'name' in the subject (line 1)"),
            org.assertj.core.groups.Tuple.tuple(
                EventType.FAILED,
                "field 'templateId': template "
                    + unknown.templateId()
                    + " version 1 does not exist"));
  }

  @Test
  void aChannelWithoutAMessengerFailsNamingIt() {
    SendRequest sms =
        new SendRequest(
            1,
            Instant.now(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            null,
            Channel.SMS,
            null,
            null,
            "+15550100",
            null,
            null,
            TEMPLATE,
            1,
            Map.of("name", "x"));

    manager.deliver(List.of(sms));

    assertThat(events)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo(EventType.FAILED);
              assertThat(e.reason()).isEqualTo("field 'channel': no messenger for sms");
            });
  }

  @Test
  void aRecordRepeatedWithinABatchIsSentOnce() {
    SendRequest r = request(TEMPLATE, Map.of("name", "Ann"));
    channel.script(replied(Verdict.DELIVERED, 250, "250 ok"));

    manager.deliver(List.of(r, r));

    assertThat(channel.pushed).hasSize(1);
    assertThat(typesOf(r)).containsExactly(EventType.SENT, EventType.DELIVERED);
    assertThat(store.claimCalls).isEqualTo(1);
  }

  @Test
  void aMessageIsLeasedWhileInFlightAndReleasedOnceItsOutcomeIsRecorded() throws Exception {
    ClaimLeases leases = new ClaimLeases();
    CompletableFuture<DeliveryAttempt> reply = new CompletableFuture<>();
    Messenger waiting =
        new ScriptedMessenger() {
          @Override
          public synchronized CompletableFuture<DeliveryAttempt> push(OutboundMessage message) {
            pushed.add(message);
            return reply;
          }
        };
    DeliveryManager leasing =
        new DeliveryManager(
            store,
            new TemplateCatalog(
                (id, v) -> Optional.of(new TemplateVersion(id, 1, "email", "s", null, "t"))),
            new TrackingLinks("https://t.test", "s"),
            List.of(waiting),
            sink,
            new RetryPolicy(3, Duration.ofMillis(10)),
            "test",
            leases,
            OutcomeWriter.direct(store));
    SendRequest r = request(TEMPLATE, Map.of());
    Thread batch = new Thread(() -> leasing.deliver(List.of(r)));
    batch.start();
    // A deadline, not a number of tries: a loaded machine may take seconds to start the batch.
    Instant started = Instant.now().plusSeconds(60);
    while (leases.held().isEmpty() && Instant.now().isBefore(started)) {
      Thread.sleep(10);
    }

    assertThat(leases.held()).containsExactly(Map.entry(r.messageId(), 1));
    // Its watchdog retry fell due (a renewal came late): the try in flight is left to finish it.
    store.retries.put(
        r.messageId(), new PendingRetry(r, 1, Instant.now(), Instant.now(), null, null));
    assertThat(leasing.retryDue(10)).isZero();

    reply.complete(replied(Verdict.DELIVERED, 250, "250 ok"));
    batch.join(5_000);
    assertThat(leases.held()).isEmpty();
    assertThat(store.completions).containsKey(r.messageId());
  }

  @Test
  void aRetryTakenJustAsItsTryFinishedIsNotSentAgain() {
    SendRequest r = request(TEMPLATE, Map.of("name", "Ann"));
    channel.script(replied(Verdict.DELIVERED, 250, "250 ok"));
    manager.deliver(List.of(r));
    // The take read the watchdog row before the outcome's write removed it, and the filter ran
    // after the finished try had released its lease.
    store.retries.put(
        r.messageId(), new PendingRetry(r, 1, Instant.now(), Instant.now(), null, null));

    assertThat(manager.retryDue(10)).isZero();
    assertThat(channel.pushed).hasSize(1);
    assertThat(typesOf(r)).containsExactly(EventType.SENT, EventType.DELIVERED);
  }

  /** Claims, refusals and outcomes in maps. */
  static class MemoryStore implements DeliveryStore {
    final Set<UUID> claims = ConcurrentHashMap.newKeySet();
    final Map<UUID, String> refusals = new HashMap<>();
    final Map<UUID, List<String>> links = new ConcurrentHashMap<>();
    final Map<UUID, Completion> completions = new ConcurrentHashMap<>();
    final Map<UUID, PendingRetry> retries = new ConcurrentHashMap<>();

    int claimCalls;

    @Override
    public Set<UUID> claim(List<SendRequest> requests, String claimedBy) {
      claimCalls++;
      Set<UUID> claimed = new java.util.HashSet<>();
      for (SendRequest r : requests) {
        if (claims.add(r.messageId())) {
          claimed.add(r.messageId());
        }
      }
      return claimed;
    }

    @Override
    public Map<UUID, String> refusals(List<SendRequest> requests) {
      Map<UUID, String> found = new HashMap<>();
      requests.forEach(
          r -> {
            if (refusals.containsKey(r.messageId())) {
              found.put(r.messageId(), refusals.get(r.messageId()));
            }
          });
      return found;
    }

    @Override
    public void recordLinks(Map<UUID, List<String>> linksByMessage) {
      links.putAll(linksByMessage);
    }

    @Override
    public void recordOutcomes(List<Outcome> outcomes) {
      for (Outcome o : outcomes) {
        completions.put(o.request().messageId(), o.completion());
        retries.remove(o.request().messageId());
      }
    }

    @Override
    public void scheduleRetry(PendingRetry retry) {
      retries.put(retry.request().messageId(), retry);
    }

    @Override
    public synchronized DueRetries takeDueRetries(int limit) {
      Instant now = Instant.now();
      Duration lease = Duration.ofMinutes(1);
      List<PendingRetry> due =
          retries.values().stream().filter(r -> !r.dueAt().isAfter(now)).limit(limit).toList();
      due.forEach(
          r ->
              retries.put(
                  r.request().messageId(),
                  new PendingRetry(
                      r.request(),
                      r.attempt(),
                      now.plus(lease),
                      r.firstAttemptAt(),
                      r.sentAt(),
                      r.sendingIp())));
      return new DueRetries(due, List.of());
    }

    @Override
    public synchronized Map<UUID, FailedMessage> setApartRetries(
        List<RetrySetApart> apart, String by) {
      Map<UUID, FailedMessage> failed = new HashMap<>();
      for (RetrySetApart a : apart) {
        retries.remove(a.messageId());
        if (!completions.containsKey(a.messageId())) {
          Instant now = Instant.now();
          completions.put(
              a.messageId(),
              new Completion(DeliveryAttempt.local(Verdict.FAILED, a.reason()), 0, null, now));
          failed.put(
              a.messageId(),
              new FailedMessage(a.messageId(), a.tenantId(), now, null, null, null, null, null));
        }
      }
      return failed;
    }

    @Override
    public Map<UUID, Completion> completions(List<SendRequest> requests) {
      Map<UUID, Completion> found = new HashMap<>();
      requests.forEach(
          r -> {
            if (completions.containsKey(r.messageId())) {
              found.put(r.messageId(), completions.get(r.messageId()));
            }
          });
      return found;
    }

    @Override
    public void renewLeases(Map<UUID, Integer> inFlight) {}
  }

  /** Answers each push with the next scripted attempt. */
  static class ScriptedMessenger implements Messenger {
    final List<OutboundMessage> pushed = new ArrayList<>();
    private final Deque<DeliveryAttempt> script = new ArrayDeque<>();

    void script(DeliveryAttempt... attempts) {
      script.addAll(List.of(attempts));
    }

    @Override
    public String name() {
      return "email";
    }

    @Override
    public synchronized CompletableFuture<DeliveryAttempt> push(OutboundMessage message) {
      pushed.add(message);
      return CompletableFuture.completedFuture(script.removeFirst());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
