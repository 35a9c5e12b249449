package dev.heron.jobs.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.WarmupState;
import dev.heron.jobs.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WarmupGuardFunctionTest {
  private static final String IP = "127.0.0.2";
  private final TestEvents events = new TestEvents();
  private final Instant morning = Instant.parse("2026-03-04T08:00:00Z");
  private final FixedWarmupPlans plans =
      new FixedWarmupPlans()
          .with(
              IP, new WarmupPlan(WarmupPlan.STANDARD, 1, 0, false, null, LocalDate.of(2026, 3, 4)));
  private WarmupGuardFunction function;
  private KeyedOneInputStreamOperatorTestHarness<String, Event, WarmupState> harness;

  @BeforeEach
  void open() throws Exception {
    function =
        new WarmupGuardFunction(
            plans, WarmupRules.Thresholds.standard(), Duration.ofSeconds(1), Duration.ofMinutes(1));
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(function), new WarmupGuardJob.BySendingIp(), Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void sendsAreCountedAgainstTheDaysCapAndPublishedCoalesced() throws Exception {
    harness.setProcessingTime(0);
    for (int i = 0; i < 3; i++) {
      harness.processElement(event(EventType.SENT, IP, morning.plusSeconds(i)), 0);
    }
    assertThat(harness.extractOutputValues()).isEmpty();
    // the coalescing timer; midnight and the end-of-input flush in event time
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);

    harness.setProcessingTime(1_000);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.day()).isEqualTo(LocalDate.of(2026, 3, 4));
              assertThat(s.scheduleDay()).isEqualTo(1);
              assertThat(s.dailyCap()).isEqualTo(50);
              assertThat(s.sentToday()).isEqualTo(3);
              assertThat(s.remainingToday()).isEqualTo(47);
              assertThat(s.updatedAt()).isEqualTo(morning.plusSeconds(2));
            });
  }

  @Test
  void aBounceSpikePausesAtOnceAndTheNextDayResumesAtTheSameVolume() throws Exception {
    for (int i = 0; i < 100; i++) {
      harness.processElement(event(EventType.SENT, IP, morning.plusSeconds(i)), 0);
    }
    for (int i = 0; i < 3; i++) {
      harness.processElement(event(EventType.BOUNCED, IP, morning.plusSeconds(200 + i)), 0);
    }
    assertThat(harness.extractOutputValues()).filteredOn(WarmupState::paused).isEmpty();

    harness.processElement(event(EventType.BOUNCED, IP, morning.plusSeconds(300)), 0);

    WarmupState paused = harness.extractOutputValues().get(0);
    assertThat(paused.paused()).isTrue();
    assertThat(paused.pauseReason()).startsWith("bounce rate 4.00% above 3.00% (4 of 100 sent)");
    assertThat(paused.remainingToday()).isZero();

    harness.processWatermark(Instant.parse("2026-03-05T00:00:00Z").toEpochMilli());

    WarmupState nextDay = harness.extractOutputValues().get(1);
    assertThat(nextDay.day()).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(nextDay.paused()).isFalse();
    assertThat(nextDay.scheduleDay()).isEqualTo(1);
    assertThat(nextDay.sentToday()).isZero();
  }

  @Test
  void anIpWithoutAWarmupIsNotGuardedAndNotAskedAboutAgainAtOnce() throws Exception {
    harness.setProcessingTime(0);
    harness.processElement(event(EventType.SENT, "127.0.0.9", morning), 0);
    harness.processElement(event(EventType.SENT, "127.0.0.9", morning.plusSeconds(1)), 0);
    harness.setProcessingTime(1_000);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // the "not warming" mark
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aRemovedWarmupIsPublishedAsUnlimitedAndItsStateCleared() throws Exception {
    harness.processElement(event(EventType.SENT, IP, morning), 0);
    harness.setProcessingTime(1_000);
    plans.remove(IP);

    harness.processWatermark(Instant.parse("2026-03-05T00:00:00Z").toEpochMilli());

    WarmupState last = harness.extractOutputValues().get(1);
    assertThat(last.dailyCap()).isEqualTo(WarmupState.UNLIMITED);
    assertThat(last.paused()).isFalse();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void aLateEventOfAClosedDayChangesNothing() throws Exception {
    harness.processElement(event(EventType.SENT, IP, morning), 0);
    harness.processElement(event(EventType.SENT, IP, morning.plus(Duration.ofDays(1))), 0);
    harness.processElement(event(EventType.SENT, IP, morning.plusSeconds(5)), 0);
    harness.processWatermark(Long.MAX_VALUE);

    assertThat(harness.extractOutputValues())
        .last()
        .satisfies(
            s -> {
              assertThat(s.day()).isEqualTo(LocalDate.of(2026, 3, 5));
              assertThat(s.scheduleDay()).isEqualTo(2);
              assertThat(s.sentToday()).isEqualTo(1);
            });
  }

  private Event event(EventType type, String ip, Instant at) {
    return events.of(type, UUID.randomUUID(), at).sendingIp(ip).build();
  }
}
