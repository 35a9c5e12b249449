package dev.heron.jobs.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.EventType;
import dev.heron.jobs.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BucketTotalsFunctionTest {
  private static final Duration TTL = Duration.ofDays(1);

  private final TestEvents events = new TestEvents();
  private final BucketKey bucket =
      InsightRules.bucketOf(
              events.event(
                  EventType.SENT, UUID.randomUUID(), Instant.parse("2026-03-04T10:00:00Z")))
          .orElseThrow();
  private KeyedOneInputStreamOperatorTestHarness<BucketKey, BucketDelta, InsightRow> harness;

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void changesGatherUntilTheTimerThenTheWholeRowIsEmitted() throws Exception {
    open(Duration.ofMillis(500));
    harness.setProcessingTime(1_000);

    harness.processElement(delta(Counter.SENT, 1), 0);
    harness.processElement(delta(Counter.SENT, 1), 0);
    harness.processElement(delta(Counter.DELIVERED, 1), 0);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);

    harness.setProcessingTime(1_500);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.key()).isEqualTo(bucket);
              assertThat(row.get(Counter.SENT)).isEqualTo(2);
              assertThat(row.get(Counter.DELIVERED)).isEqualTo(1);
            });
    assertThat(harness.numProcessingTimeTimers()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void theEndOfABoundedInputFlushesPendingRows() throws Exception {
    open(Duration.ofMillis(500));
    harness.processElement(delta(Counter.SENT, 1), 0);

    harness.processWatermark(Long.MAX_VALUE);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(row -> assertThat(row.get(Counter.SENT)).isEqualTo(1));
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aLaterChangeEmitsTheNewAbsoluteTotals() throws Exception {
    open(Duration.ofMillis(500));
    harness.setProcessingTime(1_000);
    harness.processElement(delta(Counter.OPENS_UNIQUE, 1), 0);
    harness.setProcessingTime(1_500);
    harness.processElement(delta(Counter.OPENS_UNIQUE, -1), 0);
    harness.processElement(delta(Counter.CLICKS_TOTAL, 3), 0);
    harness.setProcessingTime(2_000);

    assertThat(harness.extractOutputValues())
        .extracting(r -> r.get(Counter.OPENS_UNIQUE), r -> r.get(Counter.CLICKS_TOTAL))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, 0L),
            org.assertj.core.groups.Tuple.tuple(0L, 3L));
  }

  @Test
  void withoutCoalescingEveryChangeIsEmittedAtOnce() throws Exception {
    open(Duration.ZERO);
    harness.processElement(delta(Counter.SENT, 1), 0);
    harness.processElement(delta(Counter.SENT, 1), 0);

    assertThat(harness.extractOutputValues())
        .extracting(r -> r.get(Counter.SENT))
        .containsExactly(1L, 2L);
    assertThat(harness.numProcessingTimeTimers()).isZero();
  }

  @Test
  void totalsExpireAfterTheBucketTtl() throws Exception {
    open(Duration.ofMillis(500));
    harness.setStateTtlProcessingTime(0);
    harness.processElement(delta(Counter.SENT, 1), 0);
    harness.setProcessingTime(500);
    assertThat(harness.extractOutputValues()).hasSize(1);

    harness.setStateTtlProcessingTime(TTL.toMillis() + 1);
    harness.processElement(delta(Counter.SENT, 1), 0);
    harness.setProcessingTime(1_000);

    assertThat(harness.extractOutputValues())
        .extracting(r -> r.get(Counter.SENT))
        .containsExactly(1L, 1L);
  }

  @Test
  void totalsSurviveASnapshotAndRestore() throws Exception {
    open(Duration.ofMillis(500));
    harness.processElement(delta(Counter.SENT, 5), 0);
    var snapshot = harness.snapshot(1, 0);
    harness.close();

    harness = unopened(Duration.ofMillis(500));
    harness.initializeState(snapshot);
    harness.open();
    // The timer pending at the snapshot was restored with it.
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
    harness.processElement(delta(Counter.SENT, 1), 0);
    harness.setProcessingTime(1_000);

    assertThat(harness.extractOutputValues())
        .extracting(r -> r.get(Counter.SENT))
        .containsExactly(6L);
  }

  private void open(Duration coalesce) throws Exception {
    harness = unopened(coalesce);
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<BucketKey, BucketDelta, InsightRow>
      unopened(Duration coalesce) throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new BucketTotalsFunction(coalesce, TTL)),
        new Keys.ByBucket(),
        TypeInformation.of(BucketKey.class));
  }

  private BucketDelta delta(Counter counter, long value) {
    long[] counts = Counter.zeros();
    counts[counter.ordinal()] = value;
    return new BucketDelta(bucket, counts);
  }
}
