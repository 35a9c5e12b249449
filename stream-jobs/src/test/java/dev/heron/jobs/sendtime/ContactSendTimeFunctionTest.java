package dev.heron.jobs.sendtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactSendTimeFunctionTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();

  private KeyedBroadcastOperatorTestHarness<String, ContactReading, TenantPrior, ContactSendTime>
      harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new ContactSendTimeFunction(Duration.ofSeconds(5)),
            new SendTimeJob.ContactOfReading(),
            Types.STRING,
            ContactSendTimeFunction.PRIORS);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void readingsAreModelledAfterTheCoalescingDelayAgainstTheTenantsPrior() throws Exception {
    DecayedHistogram population = null;
    for (int i = 0; i < 100; i++) {
      population = SendTimeRules.observe(population, 12, 0);
    }
    harness.processBroadcastElement(new TenantPrior("t", population, ReadingShape.DEFAULT), 0);
    harness.setProcessingTime(0);
    harness.processElement(reading("c", 33, 1_000, true), 0);
    harness.processElement(reading("c", 33, 2_000, true), 0);
    harness.processElement(reading("c", 33, 2_000, false), 0); // a click after the open

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

    harness.setProcessingTime(5_000);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.tenantId()).isEqualTo("t");
              assertThat(s.contactId()).isEqualTo("c");
              // two opens on Tuesday 09:00 against a population reading at noon (Monday, and
              // the same hour on other days): the contact's day, pulled toward the population's
              // hour, which two opens do not outweigh yet
              assertThat(s.bestHours()).containsExactly(35, 34, 36);
              assertThat(s.observations()).isEqualTo(3);
              assertThat(s.computedAtMillis()).isEqualTo(2_000);
              assertThat(s.confidence()).isBetween(0.0, 1.0);
              assertThat(s.modelVersion()).isEqualTo(SendTimeRules.MODEL_VERSION);
            });
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aNewShapeRewritesEveryContactOfItsTenantAndOnlyThem() throws Exception {
    harness.setProcessingTime(0);
    for (int i = 0; i < 6; i++) {
      harness.processElement(reading("a", 40 + i % 2, i * HOUR, true), 0);
      harness.processElement(reading("b", 90, i * HOUR, true), 0);
    }
    harness.processElement(new ContactReading("other", "x", new Reading(40, 38, HOUR), true), 0);
    harness.setProcessingTime(5_000);
    assertThat(harness.extractOutputValues()).hasSize(3);
    harness.getOutput().clear();

    // the same shape (the default) again: nothing to rewrite
    harness.processBroadcastElement(new TenantPrior("t", null, ReadingShape.DEFAULT), 0);
    assertThat(harness.extractOutputValues()).isEmpty();

    ReadingShape fitted = new ReadingShape(4, 0.25, 4, 0.1, 0.2, 12);
    harness.processBroadcastElement(new TenantPrior("t", null, fitted), 0);

    assertThat(harness.extractOutputValues())
        .extracting(ContactSendTime::contactId)
        .containsExactlyInAnyOrder("a", "b");
    assertThat(harness.extractOutputValues())
        .allSatisfy(s -> assertThat(s.observations()).isEqualTo(6));
  }

  @Test
  void theEndOfABoundedInputFlushesPendingModels() throws Exception {
    harness.processElement(reading("c", 40, 1_000, true), 0);
    harness.watermark(Long.MAX_VALUE); // both inputs: the events and the broadcast priors

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(s -> assertThat(s.bestHours()[0]).isEqualTo(40));
  }

  private static ContactReading reading(String contact, int hour, long at, boolean first) {
    return new ContactReading("t", contact, new Reading(hour, Reading.NOT_DELIVERED, at), first);
  }
}
