package dev.heron.senders.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.events.DeadLetter;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.SendRequest;
import dev.heron.events.TrackingLinks;
import dev.heron.senders.content.TemplateCatalog;
import dev.heron.senders.content.TemplateVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Due retries through the scheduler: the manager with an in-memory store, and a channel that
 * delivers every address but those told to fail, each in its own way.
 */
class RetrySchedulerTest {
  private static final UUID TEMPLATE = UUID.randomUUID();

  private final DeliveryManagerTest.MemoryStore store = new DeliveryManagerTest.MemoryStore();
  private final FailingChannel channel = new FailingChannel();
  private final List<Event> events = new ArrayList<>();
  private final List<DeadLetter> letters = new ArrayList<>();
  private final RetryScheduler scheduler =
      new RetryScheduler(
          new DeliveryManager(
              store,
              new TemplateCatalog(
                  (id, version) ->
                      Optional.of(new TemplateVersion(id, 1, "email", "Hi", "<p>Hi</p>", null))),
              new TrackingLinks("https://t.test", "s"),
              List.of(channel),
              new EventSink() {
                @Override
                public synchronized void publish(Event event) {
                  events.add(event);
                }

                @Override
                public void flush() {}
              },
              new RetryPolicy(3, Duration.ofMillis(10)),
              "test"),
          new DeadLetterSink() {
            @Override
            public synchronized void publish(DeadLetter letter) {
              letters.add(letter);
            }

            @Override
            public void flush() {}
          });

  @Test
  void aRetryThatFailsAloneForAnUnknownReasonIsSetApartAndTheOthersAreMade() {
    List<SendRequest> due = dueRetries("a@x.test", "b@x.test", "broken@x.test", "d@x.test");
    SendRequest broken = due.get(2);
    channel.failing.put("broken@x.test", new IllegalStateException("the renderer tripped"));

    assertThat(scheduler.retryDue(10)).isEqualTo(4);

    assertThat(store.retries).isEmpty();
    assertThat(letters)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.topic()).isEqualTo(RetryScheduler.RETRIES);
              assertThat(l.key()).isEqualTo(broken.messageId().toString());
              assertThat(l.payload()).contains(broken.messageId().toString());
              assertThat(l.reason())
                  .contains(broken.messageId().toString())
                  .contains("the renderer tripped");
            });
    assertThat(store.completions.get(broken.messageId()).outcome().verdict())
        .isEqualTo(Verdict.FAILED);
    for (SendRequest r : due) {
      List<EventType> expected =
          r == broken ? List.of(EventType.FAILED) : List.of(EventType.SENT, EventType.DELIVERED);
      assertThat(events)
          .filteredOn(e -> e.messageId().equals(r.messageId()))
          .extracting(Event::type)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void onAnOutageNothingIsSetApartAndTheRetriesWaitForTheirLease() {
    List<SendRequest> due = dueRetries("a@x.test", "b@x.test");
    channel.failing.put("b@x.test", new StoreUnavailableException("the database is down", null));

    assertThatThrownBy(() -> scheduler.retryDue(10)).isInstanceOf(StoreUnavailableException.class);

    assertThat(letters).isEmpty();
    // The one met by the outage stays in line, leased; whatever went through before it is done.
    assertThat(store.retries).containsKey(due.get(1).messageId());
    assertThat(store.completions).doesNotContainKey(due.get(1).messageId());
  }

  @Test
  void aBrokerThatCannotTakeEventsIsAnOutageToo() {
    assertThat(Outages.isOutage(new SinkUnavailableException("broker down", null))).isTrue();
    assertThat(Outages.isOutage(new CompletionException(new StoreUnavailableException("x", null))))
        .isTrue();
    // The outermost cause that says either decides.
    assertThat(Outages.isOutage(new StoreUnavailableException("down", new BadRecordException("x"))))
        .isTrue();
    assertThat(
            Outages.isOutage(
                new BadRecordException("refused", new SinkUnavailableException("x", null))))
        .isFalse();
    assertThat(Outages.isOutage(new BadRecordException("refused"))).isFalse();
    assertThat(Outages.isOutage(new IllegalStateException("who knows"))).isFalse();
  }

  /** Deferred once, due now: one stored retry per address. */
  private List<SendRequest> dueRetries(String... addresses) {
    List<SendRequest> requests = new ArrayList<>();
    Instant firstTry = Instant.now().minusSeconds(60);
    for (String address : addresses) {
      SendRequest r = DeliveryManagerTest.request(TEMPLATE, address, Map.of());
      store.claims.add(r.messageId());
      store.retries.put(
          r.messageId(),
          new PendingRetry(r, 2, Instant.now().minusSeconds(1), firstTry, null, null));
      requests.add(r);
    }
    return requests;
  }

  /** Delivers every message except those whose address is told to fail, which throw. */
  static final class FailingChannel implements Messenger {
    final Map<String, RuntimeException> failing = new ConcurrentHashMap<>();
    final Set<String> delivered = ConcurrentHashMap.newKeySet();

    @Override
    public String name() {
      return "email";
    }

    @Override
    public CompletableFuture<DeliveryAttempt> push(OutboundMessage message) {
      String to = message.request().address();
      RuntimeException failure = failing.get(to);
      if (failure != null) {
        throw failure;
      }
      delivered.add(to);
      return CompletableFuture.completedFuture(
          new DeliveryAttempt(
              Verdict.DELIVERED,
              new DeliveryAttempt.Reply(250, null, "250 ok"),
              null,
              "127.0.0.2",
              "gmail",
              Instant.now()));
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
