package dev.heron.charts.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.charts.grafana.GrafanaMacros.Variable;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaMacrosTest {
  private static final Instant FROM = Instant.parse("2026-11-20T10:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-21T10:30:00Z");

  private final GrafanaMacros macros =
      new GrafanaMacros(
          FROM,
          TO,
          Duration.ofHours(1),
          Map.of(
              "tenant", Variable.single("6b0f1e0a-0000-4000-8000-000000000001"),
              "provider", Variable.multi("gmail", "o'hara")));

  @Test
  void timeMacrosBecomeTheRangeAndTimescaleBuckets() {
    assertThat(
            macros.expand(
                "SELECT $__timeGroupAlias(bucket, $__interval, 0), sum(sent) FROM t"
                    + " WHERE $__timeFilter(bucket) AND x > $__timeFrom() AND x < $__timeTo()"))
        .isEqualTo(
            "SELECT time_bucket('3600.000s',bucket) AS \"time\", sum(sent) FROM t"
                + " WHERE bucket BETWEEN '2026-11-20T10:00:00Z' AND '2026-11-21T10:30:00Z'"
                + " AND x > '2026-11-20T10:00:00Z' AND x < '2026-11-21T10:30:00Z'");
    assertThat(macros.expand("$__timeGroup(t, '5m')")).isEqualTo("time_bucket('300.000s',t)");
    assertThat(macros.expand("$__time(t), $__timeEpoch(t)"))
        .isEqualTo("t AS \"time\", extract(epoch from t) as \"time\"");
    assertThat(macros.expand("$__interval_ms $__unixEpochFrom() $__unixEpochTo()"))
        .isEqualTo("3600000 " + FROM.getEpochSecond() + " " + TO.getEpochSecond());
  }

  @Test
  void variablesAreRawWhenSingleAndQuotedListsWhenMulti() {
    assertThat(macros.expand("tenant_id = '$tenant' AND provider IN ($provider)"))
        .isEqualTo(
            "tenant_id = '6b0f1e0a-0000-4000-8000-000000000001' AND provider IN ('gmail','o''hara')");
    assertThat(macros.expand("'${tenant}' [[tenant]] ${provider:sqlstring}"))
        .isEqualTo(
            "'6b0f1e0a-0000-4000-8000-000000000001' 6b0f1e0a-0000-4000-8000-000000000001"
                + " 'gmail','o''hara'");
  }

  @Test
  void unknownNamesAndBadArgumentsFailAsInGrafana() {
    assertThatThrownBy(() -> macros.expand("WHERE x = '$campaign'"))
        .hasMessageContaining("unknown template variable $campaign");
    assertThatThrownBy(() -> macros.expand("$__timeBucket(x, 1h)"))
        .hasMessageContaining("unknown macro $__timeBucket");
    assertThatThrownBy(() -> macros.expand("$__timeGroup(x)"))
        .hasMessageContaining("needs a time column and an interval");
    assertThatThrownBy(() -> macros.expand("$__timeGroup(x, 1h, zero)"))
        .hasMessageContaining("fill value 'zero'");
    assertThatThrownBy(() -> macros.expand("$__timeGroup(x, soon)"))
        .hasMessageContaining("error parsing interval soon");
  }

  @Test
  void intervalsAreParsedAndWrittenInGrafanasUnits() {
    assertThat(GrafanaMacros.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GrafanaMacros.parse("1w")).isEqualTo(Duration.ofDays(7));
    assertThat(GrafanaMacros.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(GrafanaMacros.format(Duration.ofDays(1))).isEqualTo("1d");
    assertThat(GrafanaMacros.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }
}
