package dev.heron.jobs.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.IpScore;
import dev.heron.jobs.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReputationFunctionTest {
  private final TestEvents events = new TestEvents();
  private final Instant at = Instant.parse("2026-03-04T10:17:00Z");
  private KeyedOneInputStreamOperatorTestHarness<String, Event, IpScore> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new ReputationFunction(Duration.ofSeconds(1), ReputationRules.Prior.standard()),
            new ReputationJob.ByIpAndProvider(),
            Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void outcomesGatherThenOneScoreStampedWithTheNewestEventTime() throws Exception {
    harness.setProcessingTime(0);
    harness.processElement(outcome(EventType.DELIVERED, at), 0);
    harness.processElement(outcome(EventType.BOUNCED, at.plusSeconds(30)), 0);
    harness.processElement(outcome(EventType.DEFERRED, at.plusSeconds(10)), 0);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    // the hour's slide timer and the end-of-input flush
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);

    harness.setProcessingTime(1_000);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.computedAt()).isEqualTo(at.plusSeconds(30));
              assertThat(s.volume()).isEqualTo(3);
              assertThat(s.ip()).isEqualTo("127.0.0.2");
            });
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void anHourLeavesTheWindowADayLaterAndTheStateGoesWithTheLastHour() throws Exception {
    harness.processElement(outcome(EventType.BOUNCED, at), 0);
    harness.setProcessingTime(1_000);
    Instant nextDay = at.plus(Duration.ofHours(20));
    harness.processElement(outcome(EventType.DELIVERED, nextDay), 0);
    harness.setProcessingTime(2_000);
    assertThat(harness.extractOutputValues()).extracting(IpScore::volume).containsExactly(1L, 2L);

    // Event time passes 11:00 the next day: the 10:00 bounce leaves the window.
    harness.processWatermark(Instant.parse("2026-03-05T10:00:00Z").toEpochMilli());
    IpScore slid = harness.extractOutputValues().get(2);
    assertThat(slid.volume()).isEqualTo(1);
    assertThat(slid.bounceRate()).isLessThan(harness.extractOutputValues().get(1).bounceRate());

    harness.processWatermark(Instant.parse("2026-03-05T06:00:00Z").toEpochMilli() + 86_400_000L);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void anOutcomeOlderThanTheWindowIsIgnored() throws Exception {
    harness.processElement(outcome(EventType.DELIVERED, at), 0);
    harness.processElement(outcome(EventType.BOUNCED, at.minus(Duration.ofHours(30))), 0);
    harness.setProcessingTime(1_000);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(s -> assertThat(s.volume()).isEqualTo(1));
  }

  @Test
  void theEndOfABoundedInputFlushesThePendingScore() throws Exception {
    harness.processElement(outcome(EventType.DELIVERED, at), 0);
    harness.processWatermark(Long.MAX_VALUE);

    assertThat(harness.extractOutputValues()).extracting(IpScore::volume).containsExactly(1L);
  }

  private Event outcome(EventType type, Instant when) {
    return events.event(type, UUID.randomUUID(), when);
  }
}
