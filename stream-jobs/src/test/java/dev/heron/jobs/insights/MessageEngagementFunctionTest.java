package dev.heron.jobs.insights;

import static dev.heron.jobs.insights.InsightRulesTest.nonZero;
import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.jobs.TestEvents;
import dev.heron.jobs.intake.DuplicateFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageEngagementFunctionTest {
  private static final Duration SEEN_TTL = Duration.ofHours(1);
  private static final Duration FIRST_TOUCH_TTL = Duration.ofDays(2);

  private final TestEvents events = new TestEvents();
  private final UUID message = UUID.randomUUID();
  private final Instant at = Instant.parse("2026-03-04T10:17:23Z");
  private KeyedOneInputStreamOperatorTestHarness<UUID, Event, BucketDelta> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new MessageEngagementFunction(SEEN_TTL, FIRST_TOUCH_TTL),
            new DuplicateFilter.ByMessage(),
            DuplicateFilter.KEY);
    harness.setStateTtlProcessingTime(0);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void aDuplicateEventIdChangesNothing() throws Exception {
    Event sent = events.event(EventType.SENT, message, at);

    harness.processElement(sent, at.toEpochMilli());
    harness.processElement(sent, at.toEpochMilli());

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(d -> assertThat(nonZero(d.counts())).isEqualTo(Map.of(Counter.SENT, 1L)));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // the one seen event id
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void anExpiredMessageIsRemovedAsOtherMessagesComeIn() throws Exception {
    // Fixed ids, so that the keys' places in the state table (and the walk's path) are the same
    // in every run.
    harness.processElement(events.event(EventType.SENT, new UUID(1, 0), at), 0);
    harness.setStateTtlProcessingTime(SEEN_TTL.toMillis() + 1);

    int others = 200;
    for (int i = 1; i <= others; i++) {
      harness.processElement(events.event(EventType.SENT, new UUID(2, i), at), 0);
    }

    // the new messages' seen event ids: the expired one was found and dropped on the way
    assertThat(harness.numKeyedStateEntries()).isEqualTo(others);
  }

  @Test
  void everyNewEventGoesOnceToTheSideOutputBucketedOrNot() throws Exception {
    Event sent = events.event(EventType.SENT, message, at);
    Event unbucketed = events.of(EventType.SENT, message, at).campaignId(null).build();

    harness.processElement(sent, at.toEpochMilli());
    harness.processElement(sent, at.toEpochMilli());
    harness.processElement(unbucketed, at.toEpochMilli());

    assertThat(harness.getSideOutput(MessageEngagementFunction.FIRST_SIGHTINGS))
        .extracting(StreamRecord::getValue)
        .containsExactly(sent, unbucketed);
  }

  @Test
  void theFirstHumanOpenIsRememberedAndCountedOnce() throws Exception {
    harness.processElement(events.event(EventType.OPENED, message, at), 0);
    harness.processElement(events.event(EventType.OPENED, message, at.plusSeconds(60)), 0);

    List<BucketDelta> out = harness.extractOutputValues();
    assertThat(out)
        .extracting(d -> nonZero(d.counts()))
        .containsExactly(
            Map.of(Counter.OPENS_TOTAL, 1L, Counter.OPENS_UNIQUE, 1L),
            Map.of(Counter.OPENS_TOTAL, 1L));
    // the message's seen event ids and its first open
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
  }

  @Test
  void aLateEarlierOpenMovesTheUniqueCountToItsHour() throws Exception {
    Instant earlier = at.minus(Duration.ofHours(3));
    harness.processElement(events.event(EventType.OPENED, message, at), 0);
    harness.processElement(events.event(EventType.OPENED, message, earlier), 0);

    List<BucketDelta> out = harness.extractOutputValues();
    assertThat(out).hasSize(3);
    assertThat(out.get(1).key().hourStart()).isEqualTo(Instant.parse("2026-03-04T07:00:00Z"));
    assertThat(nonZero(out.get(1).counts()))
        .isEqualTo(Map.of(Counter.OPENS_TOTAL, 1L, Counter.OPENS_UNIQUE, 1L));
    assertThat(out.get(2).key().hourStart()).isEqualTo(Instant.parse("2026-03-04T10:00:00Z"));
    assertThat(nonZero(out.get(2).counts())).isEqualTo(Map.of(Counter.OPENS_UNIQUE, -1L));
  }

  @Test
  void seenEventIdsExpireButTheFirstOpenLastsLonger() throws Exception {
    Event open = events.event(EventType.OPENED, message, at);
    harness.processElement(open, 0);
    harness.processElement(open, 0);
    assertThat(harness.extractOutputValues()).hasSize(1);

    // Past the de-duplication window the same id is new again, but the message was opened.
    harness.setStateTtlProcessingTime(SEEN_TTL.toMillis() + 1);
    harness.processElement(open, 0);
    assertThat(nonZero(harness.extractOutputValues().get(1).counts()))
        .isEqualTo(Map.of(Counter.OPENS_TOTAL, 1L));

    // Past the first-touch window the message's next open counts as unique once more.
    harness.setStateTtlProcessingTime(SEEN_TTL.toMillis() + FIRST_TOUCH_TTL.toMillis() + 2);
    harness.processElement(events.event(EventType.OPENED, message, at.plusSeconds(5)), 0);
    assertThat(nonZero(harness.extractOutputValues().get(2).counts()))
        .isEqualTo(Map.of(Counter.OPENS_TOTAL, 1L, Counter.OPENS_UNIQUE, 1L));
  }

  @Test
  void messagesAreIndependent() throws Exception {
    UUID other = UUID.randomUUID();
    harness.processElement(events.event(EventType.CLICKED, message, at), 0);
    harness.processElement(events.event(EventType.CLICKED, other, at), 0);

    assertThat(harness.extractOutputValues())
        .extracting(d -> nonZero(d.counts()))
        .containsOnly(Map.of(Counter.CLICKS_TOTAL, 1L, Counter.CLICKS_UNIQUE, 1L));
  }
}
