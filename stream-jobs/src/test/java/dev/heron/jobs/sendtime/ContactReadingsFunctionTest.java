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
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactReadingsFunctionTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();
  private static final long DAY = Duration.ofDays(1).toMillis();

  private KeyedOneInputStreamOperatorTestHarness<String, Engagement, ContactReading> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new ContactReadingsFunction(), new SendTimeJob.ContactOfEngagement(), Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void anOpenIsReadAgainstItsDeliveryAndAClickAfterItIsTheSameReading() throws Exception {
    harness.processElement(delivered("m1", 0, 20), 0);
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.processElement(open("m1", 13 * HOUR, 33), 0);
    harness.processElement(click("m1", 13 * HOUR + 60_000, 33), 0);

    assertThat(harness.extractOutputValues())
        .containsExactly(
            new ContactReading("t", "c", new Reading(33, 20, 13 * HOUR), true),
            new ContactReading("t", "c", new Reading(33, 20, 13 * HOUR + 60_000), false));
    harness.getOperator().setCurrentKey("t|c");
    assertThat(deliveries()).containsExactly(new Delivery(0, 20, true));
  }

  @Test
  void anOpenWhoseDeliveryWasNotSeenIsAReadingWithoutOne() throws Exception {
    harness.processElement(open("unseen", HOUR, 1), 0);

    assertThat(harness.extractOutputValues())
        .containsExactly(
            new ContactReading("t", "c", new Reading(1, Reading.NOT_DELIVERED, HOUR), true));
  }

  @Test
  void deliveriesOlderThanTheReadHorizonAreForgottenAsNewOnesArrive() throws Exception {
    harness.processElement(delivered("old", 0, 0), 0);
    harness.processElement(delivered("new", SendTimeRules.READ_HORIZON.toMillis() + DAY, 24), 0);

    harness.getOperator().setCurrentKey("t|c");
    assertThat(deliveries()).containsExactly(new Delivery(8 * DAY, 24, false));
  }

  @Test
  void deliveriesAreScannedOnlyOnceTheOldestIsASlackPastTheHorizon() throws Exception {
    long horizon = SendTimeRules.READ_HORIZON.toMillis();
    long slack = ContactReadingsFunction.PRUNE_SLACK.toMillis();
    harness.processElement(delivered("old", 0, 0), 0);
    harness.processElement(delivered("within-slack", horizon + slack / 2, 12), 0);
    harness.getOperator().setCurrentKey("t|c");
    assertThat(deliveries()).hasSize(2); // past the horizon, kept until the slack is used up

    harness.processElement(delivered("past-slack", horizon + slack, 24), 0);
    harness.getOperator().setCurrentKey("t|c");
    assertThat(deliveries())
        .containsExactlyInAnyOrder(
            new Delivery(horizon + slack / 2, 12, false), new Delivery(horizon + slack, 24, false));
  }

  @Test
  void anOpenOfADeliveryKeptPastTheHorizonIsReadWithoutIt() throws Exception {
    long horizon = SendTimeRules.READ_HORIZON.toMillis();
    harness.processElement(delivered("old", 0, 0), 0);
    harness.processElement(delivered("new", horizon + HOUR, 1), 0);
    harness.processElement(open("old", horizon + 2 * HOUR, 2), 0);

    assertThat(harness.extractOutputValues())
        .containsExactly(
            new ContactReading(
                "t", "c", new Reading(2, Reading.NOT_DELIVERED, horizon + 2 * HOUR), true));
  }

  private List<Delivery> deliveries() throws Exception {
    MapState<String, Delivery> state =
        harness
            .getOperator()
            .getKeyedStateBackend()
            .getPartitionedState(
                VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE,
                ContactReadingsFunction.deliveriesState());
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
