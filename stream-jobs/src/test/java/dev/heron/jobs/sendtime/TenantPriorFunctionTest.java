package dev.heron.jobs.sendtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TenantPriorFunctionTest {
  private KeyedOneInputStreamOperatorTestHarness<String, ContactReading, TenantPrior> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new TenantPriorFunction(Duration.ofSeconds(10)),
            new SendTimeJob.TenantOfReading(),
            Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void theTenantsReadingsChooseItsShapeAfterTheCoalescingDelay() throws Exception {
    ReadingShape truth = new ReadingShape(4, 0.25, 4, 0.1, 0.2, 12);
    List<ContactReadings> population =
        ShapeFitTest.population(truth, ShapeFit.SAMPLE_CONTACTS, 30, 5);
    harness.setProcessingTime(0);
    for (int c = 0; c < population.size(); c++) {
      for (Reading r : population.get(c).readings()) {
        harness.processElement(new ContactReading("t", "c" + c, r, true), r.atMillis());
      }
    }
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.setProcessingTime(10_000);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.tenantId()).isEqualTo("t");
              assertThat(p.shape()).isEqualTo(truth);
              assertThat(p.histogram().observations())
                  .isEqualTo((long) ShapeFit.SAMPLE_CONTACTS * 30);
            });
  }

  @Test
  void theSampleIsBoundedAndRepeatsDoNotCount() throws Exception {
    harness.setProcessingTime(0);
    for (int c = 0; c < ShapeFit.SAMPLE_CONTACTS + 50; c++) {
      Reading r = new Reading(c % 168, Reading.NOT_DELIVERED, c);
      harness.processElement(new ContactReading("t", "c" + c, r, true), c);
      harness.processElement(new ContactReading("t", "c" + c, r, false), c);
    }
    harness.setProcessingTime(10_000);

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            p -> {
              // too few readings to choose: the default, and every contact in the population
              assertThat(p.shape()).isEqualTo(ReadingShape.DEFAULT);
              assertThat(p.histogram().observations()).isEqualTo(ShapeFit.SAMPLE_CONTACTS + 50L);
            });
    harness.getOperator().setCurrentKey("t");
    int sampled = 0;
    for (String ignored :
        harness
            .getOperator()
            .getKeyedStateBackend()
            .getPartitionedState(
                VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE,
                TenantPriorFunction.sampleState())
            .keys()) {
      sampled++;
    }
    assertThat(sampled).isEqualTo(ShapeFit.SAMPLE_CONTACTS);
  }
}
