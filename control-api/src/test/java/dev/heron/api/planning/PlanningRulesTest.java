package dev.heron.api.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanningRulesTest {
  @Test
  void aSplitSendsTheTestFractionToTheVariantsAndHoldsTheRest() {
    Split split = new Split(List.of("A", "B", "C"), List.of(50, 25, 25), 20, null);
    assertThat(split.testBuckets()).isEqualTo(2000);
    assertThat(split.thresholds()).containsExactly(1000, 1500);
    Map<String, Integer> counts = new HashMap<>();
    for (int bucket = 0; bucket < Split.BUCKETS; bucket++) {
      counts.merge(String.valueOf(split.variantOf(bucket)), 1, Integer::sum);
    }
    assertThat(counts).containsEntry("A", 1000).containsEntry("B", 500).containsEntry("C", 500);
    assertThat(counts).containsEntry("null", 8000);
    assertThat(split.isTesting()).isTrue();

    Split decided = new Split(List.of("A", "B"), List.of(50, 50), 20, "B");
    assertThat(decided.isTesting()).isFalse();
    assertThat(decided.variantOf(9999)).isEqualTo("B");
    assertThat(Split.single("A").isTesting()).isFalse();
  }

  @Test
  void theFrequencyCapComesFromTheTenantsSettingsOrTheDefault() {
    assertThat(FrequencyCap.fromSettings("{}")).isEqualTo(FrequencyCap.DEFAULT);
    assertThat(FrequencyCap.fromSettings("{\"frequencyCap\":{\"messages\":5,\"days\":30}}"))
        .isEqualTo(new FrequencyCap(5, 30));
    assertThat(FrequencyCap.fromSettings("{\"frequencyCap\":{\"messages\":0}}"))
        .isEqualTo(FrequencyCap.DEFAULT);
    assertThat(FrequencyCap.fromSettings("not json")).isEqualTo(FrequencyCap.DEFAULT);
  }

  @Test
  void warmupCapacityFollowsTheScheduleAndStopsAtAnUnlimitedDay() {
    List<WarmupCapacity.Tier> schedule =
        WarmupCapacity.parse(
            "[{\"fromDay\":3,\"cap\":100},{\"fromDay\":1,\"cap\":50},{\"fromDay\":5,\"cap\":-1}]");
    assertThat(WarmupCapacity.capOn(schedule, 1)).isEqualTo(50);
    assertThat(WarmupCapacity.capOn(schedule, 4)).isEqualTo(100);
    assertThat(WarmupCapacity.capOn(schedule, 9)).isEqualTo(-1);

    // Two IPs on day 2: today 50 - 20 sent + 50; tomorrow (day 3) 100 + 100; then 100 + 100; day 5
    // unlimited.
    List<WarmupCapacity.Ip> ips =
        List.of(
            new WarmupCapacity.Ip("127.0.0.2", schedule, 2, false, 20),
            new WarmupCapacity.Ip("127.0.0.3", schedule, 2, false, 0));
    WarmupCapacity.Spread spread = WarmupCapacity.spread(ips, Map.of(1, 30L));
    assertThat(spread.thresholds()).containsExactly(81L, 81L + 170, 81L + 170 + 200);
    assertThat(spread.horizon()).isEqualTo(4);
  }

  @Test
  void aPausedIpTakesNothingTodayAndResumesAtTheSameVolume() {
    List<WarmupCapacity.Tier> schedule =
        WarmupCapacity.parse("[{\"fromDay\":1,\"cap\":50},{\"fromDay\":3,\"cap\":100}]");
    WarmupCapacity.Ip paused = new WarmupCapacity.Ip("127.0.0.2", schedule, 2, true, 0);
    assertThat(paused.capacity(0)).isZero();
    assertThat(paused.capacity(1)).isEqualTo(50);
    assertThat(paused.capacity(2)).isEqualTo(100);
    WarmupCapacity.Ip notWarming = new WarmupCapacity.Ip("127.0.0.4", null, 0, false, 0);
    assertThat(WarmupCapacity.spread(List.of(notWarming), Map.of()).thresholds()).isEmpty();
    assertThat(WarmupCapacity.spread(List.of(), Map.of()).thresholds()).isEmpty();
  }
}
