package dev.heron.jobs.abtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.heron.jobs.abtest.AbTestRules.VariantTally;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbTestRulesTest {
  @Test
  void theZStatisticIsTheTwoProportionTest() {
    // 60/300 against 30/300: pooled 0.15, se = sqrt(0.15 * 0.85 * 2/300)
    double z = AbTestRules.z(new VariantTally("A", 300, 60), new VariantTally("B", 300, 30));
    assertThat(z).isCloseTo(0.1 / Math.sqrt(0.15 * 0.85 * 2 / 300), within(1e-9));
  }

  @Test
  void aClearDifferenceWinsEarlyAndACloseOneDoesNot() {
    assertThat(
            AbTestRules.earlyWinner(
                List.of(new VariantTally("A", 300, 30), new VariantTally("B", 300, 90))))
        .hasValueSatisfying(
            v -> {
              assertThat(v.winner()).isEqualTo("B");
              assertThat(v.reason()).startsWith("significant");
            });
    assertThat(
            AbTestRules.earlyWinner(
                List.of(new VariantTally("A", 300, 60), new VariantTally("B", 300, 66))))
        .isEmpty();
  }

  @Test
  void noEarlyWinnerBelowTheMinimumSampleOrWithOneVariant() {
    assertThat(
            AbTestRules.earlyWinner(
                List.of(new VariantTally("A", 50, 0), new VariantTally("B", 50, 50))))
        .isEmpty();
    assertThat(AbTestRules.earlyWinner(List.of(new VariantTally("A", 500, 400)))).isEmpty();
  }

  @Test
  void whenTheWindowEndsTheBestRateWinsHoweverClose() {
    assertThat(
            AbTestRules.windowWinner(
                List.of(new VariantTally("A", 300, 60), new VariantTally("B", 300, 66))))
        .hasValueSatisfying(
            v -> {
              assertThat(v.winner()).isEqualTo("B");
              assertThat(v.reason()).startsWith("test window ended");
            });
    assertThat(AbTestRules.windowWinner(List.of())).isEmpty();
  }
}
