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
  private KeyedBroadcastOperatorTestHarness<String, Engagement, TenantPrior, ContactSendTime>
      harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new ContactSendTimeFunction(Duration.ofSeconds(5)),
            new SendTimeJob.ContactOfEngagement(),
            Types.STRING,
            ContactSendTimeFunction.PRIORS);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void engagementIsModelledAfterTheCoalescingDelayAgainstTheTenantsPrior() throws Exception {
    DecayedHistogram population = null;
    for (int i = 0; i < 100; i++) {
      population = SendTimeRules.observe(population, 12, 0);
    }
    harness.processBroadcastElement(new TenantPrior("t", population), 0);
    harness.setProcessingTime(0);
    harness.processElement(new Engagement("t", "c", 1_000, 33), 0);
    harness.processElement(new Engagement("t", "c", 2_000, 33), 0);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);

    harness.setProcessingTime(5_000);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.tenantId()).isEqualTo("t");
              assertThat(s.contactId()).isEqualTo("c");
              // the population's hour and its neighbours: two opens do not outweigh it yet
              assertThat(s.bestHours()).containsExactly(12, 11, 13);
              assertThat(s.observations()).isEqualTo(2);
              assertThat(s.computedAtMillis()).isEqualTo(2_000);
              assertThat(s.confidence()).isBetween(0.0, 1.0);
            });
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void theEndOfABoundedInputFlushesPendingModels() throws Exception {
    harness.processElement(new Engagement("t", "c", 1_000, 40), 0);
    harness.watermark(Long.MAX_VALUE); // both inputs: the events and the broadcast priors

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(s -> assertThat(s.bestHours()[0]).isEqualTo(40));
  }
}
