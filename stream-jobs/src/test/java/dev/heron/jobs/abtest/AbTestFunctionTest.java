package dev.heron.jobs.abtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Json;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AbTestFunctionTest {
  private final Plans plans = new Plans();
  private KeyedOneInputStreamOperatorTestHarness<String, VariantTouch, AbDecision> harness;

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void aSignificantDifferenceIsDecidedASecondAfterItAppears() throws Exception {
    open(new AbTestPlan("test-1", "opens", -1, false));
    harness.setProcessingTime(0);
    feed("A", 200, 20);
    feed("B", 200, 80);
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.setProcessingTime(1_000);

    AbDecision decision = harness.extractOutputValues().get(0);
    assertThat(decision.testId()).isEqualTo("test-1");
    assertThat(decision.winner()).isEqualTo("B");
    assertThat(Json.mapper().readTree(decision.decisionJson()).get("reason").asText())
        .startsWith("significant");
    // decided: the tallies are gone and later touches change nothing
    feed("A", 10, 10);
    harness.setProcessingTime(2_000);
    assertThat(harness.extractOutputValues()).hasSize(1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // the decided mark and newest time
  }

  @Test
  void theWindowsEndDecidesAnUndecidedTest() throws Exception {
    open(new AbTestPlan("test-2", "clicks", 10_000, false));
    feed("A", 200, 40);
    feed("B", 200, 44);
    harness.setProcessingTime(1_000);
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.processWatermark(10_000);

    AbDecision decision = harness.extractOutputValues().get(0);
    assertThat(decision.winner()).isEqualTo("B");
    assertThat(decision.decidedAtMillis()).isEqualTo(10_000);
    assertThat(Json.mapper().readTree(decision.decisionJson()).get("metric").asText())
        .isEqualTo("clicks");
  }

  @Test
  void aCampaignWithoutATestIsIgnoredAndAskedAboutOnlyAgainLater() throws Exception {
    open(null);
    feed("A", 5, 5);
    harness.setProcessingTime(1_000);

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(plans.lookups).isEqualTo(1);
  }

  private void feed(String variant, int sent, int successes) throws Exception {
    String metric = plans.plan == null ? "opens" : plans.plan.metric();
    for (int i = 0; i < sent; i++) {
      harness.processElement(new VariantTouch("c1", variant, VariantTouch.SENT, i), 0);
      if (i < successes) {
        harness.processElement(new VariantTouch("c1", variant, metric, i + 1), 0);
      }
    }
  }

  private void open(AbTestPlan plan) throws Exception {
    plans.plan = plan;
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new AbTestFunction(plans, Duration.ofSeconds(1), Duration.ofMinutes(1))),
            new AbTestJob.ByCampaign(),
            Types.STRING);
    harness.open();
  }

  /** The campaign's test held in memory, for the harness. */
  static final class Plans implements AbTestPlans {
    AbTestPlan plan;
    int lookups;

    @Override
    public void open() {}

    @Override
    public Optional<AbTestPlan> find(String campaignId) {
      lookups++;
      return Optional.ofNullable(plan);
    }

    @Override
    public void close() {}
  }
}
