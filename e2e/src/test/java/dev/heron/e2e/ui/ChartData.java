package dev.heron.e2e.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a chart.js chart on the page holds, read back with {@code Chart.getChart(canvas)}: the x
 * labels, each series by its legend label, and the slot instants or group keys the page put on the
 * canvas ({@code data-buckets}, {@code data-keys}).
 */
record ChartData(
    List<String> labels,
    Map<String, List<Object>> series,
    List<String> buckets,
    List<String> keys) {

  private static final String READ =
      """
      const canvas = document.getElementById(arguments[0]);
      const chart = canvas && Chart.getChart(canvas);
      if (!chart) return null;
      return {
        labels: chart.data.labels || [],
        series: chart.data.datasets.map(d => ({ label: d.label, data: d.data })),
        buckets: canvas.dataset.buckets ? JSON.parse(canvas.dataset.buckets) : [],
        keys: canvas.dataset.keys ? JSON.parse(canvas.dataset.keys) : [],
      };
      """;

  @SuppressWarnings("unchecked")
  static ChartData read(Browser browser, String canvasId) {
    Map<String, Object> raw = (Map<String, Object>) browser.js(READ, canvasId);
    if (raw == null) {
      throw new AssertionError("no chart drawn on canvas #" + canvasId);
    }
    Map<String, List<Object>> series = new LinkedHashMap<>();
    for (Map<String, Object> s : (List<Map<String, Object>>) raw.get("series")) {
      series.put((String) s.get("label"), new ArrayList<>((List<Object>) s.get("data")));
    }
    return new ChartData(
        strings(raw.get("labels")), series, strings(raw.get("buckets")), strings(raw.get("keys")));
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object list) {
    return ((List<Object>) list).stream().map(o -> o == null ? null : o.toString()).toList();
  }

  /** A series' values as numbers, a gap as null. */
  List<Double> numbers(String label) {
    List<Object> values = series.get(label);
    if (values == null) {
      throw new AssertionError("no series '" + label + "' in " + series.keySet());
    }
    return values.stream().map(v -> v == null ? null : ((Number) v).doubleValue()).toList();
  }
}
