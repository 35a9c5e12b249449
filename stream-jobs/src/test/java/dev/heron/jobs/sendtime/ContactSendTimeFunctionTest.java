package dev.heron.jobs.sendtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.jobs.sendtime.Engagement.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactSendTimeFunctionTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();

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
    harness.processElement(open("m1", 1_000, 33), 0);
    harness.processElement(open("m2", 2_000, 33), 0);

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
              assertThat(s.observations()).isEqualTo(2);
              assertThat(s.computedAtMillis()).isEqualTo(2_000);
              assertThat(s.confidence()).isBetween(0.0, 1.0);
              assertThat(s.modelVersion()).isEqualTo(SendTimeRules.MODEL_VERSION);
            });
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aClickAfterTheOpenIsTheSameReadingAndADeliveryAloneWritesNothing() throws Exception {
    harness.setProcessingTime(0);
    harness.processElement(delivered("m1", 0, 20), 0);
    harness.setProcessingTime(5_000);
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(harness.numProcessingTimeTimers()).isZero();

    harness.processElement(open("m1", 13 * HOUR, 33), 0);
    harness.processElement(click("m1", 13 * HOUR + 60_000, 33), 0);
    harness.setProcessingTime(10_000);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(s -> assertThat(s.observations()).isEqualTo(2));
    harness.getOperator().setCurrentKey("t|c");
    assertThat(deliveries()).containsExactly(new Delivery(0, 20, true));
  }

  @Test
  void deliveriesOlderThanTheReadHorizonAreForgottenAsNewOnesArrive() throws Exception {
    harness.processElement(delivered("old", 0, 0), 0);
    harness.processElement(open("unseen", HOUR, 1), 0); // its delivery was never seen
    harness.processElement(delivered("new", SendTimeRules.READ_HORIZON.toMillis() + DAY, 24), 0);

    harness.getOperator().setCurrentKey("t|c");
    assertThat(deliveries()).containsExactly(new Delivery(8 * DAY, 24, false));
  }

  @Test
  void theEndOfABoundedInputFlushesPendingModels() throws Exception {
    harness.processElement(open("m1", 1_000, 40), 0);
    harness.watermark(Long.MAX_VALUE); // both inputs: the events and the broadcast priors

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(s -> assertThat(s.bestHours()[0]).isEqualTo(40));
  }

  private List<Delivery> deliveries() throws Exception {
    MapState<String, Delivery> state =
        harness
            .getOperator()
            .getKeyedStateBackend()
            .getPartitionedState(
                VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE,
                ContactSendTimeFunction.deliveriesState());
    List<Delivery> all = new ArrayList<>();
    state.values().forEach(all::add);
    return all;
  }

  private static Engagement delivered(String message, long at, int hourOfWeek) {
    return new Engagement("t", "c", message, Kind.DELIVERED, at, hourOfWeek);
  }

  private static Engagement open(String message, long at, int hourOfWeek) {
    return new Engagement("t", "c", message, Kind.OPENED, at, hourOfWeek);
  }

  private static Engagement click(String message, long at, int hourOfWeek) {
    return new Engagement("t", "c", message, Kind.CLICKED, at, hourOfWeek);
  }
}
