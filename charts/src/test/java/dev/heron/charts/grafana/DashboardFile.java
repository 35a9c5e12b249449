package dev.heron.charts.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A Grafana dashboard file of {@code charts/grafana/dashboards} and every SQL query in it. */
record DashboardFile(Path path, JsonNode json) {
  static final Path DASHBOARDS = Path.of("grafana", "dashboards");
  static final Path PROVISIONING = Path.of("grafana", "provisioning");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * One SQL query: a panel's target, or a template variable's query (kind "variable").
   *
   * @param minInterval the panel's minimum interval, which bounds {@code $__interval}
   */
  record Query(
      String dashboard,
      String panel,
      String kind,
      String refId,
      String format,
      String datasourceUid,
      String sql,
      Duration minInterval) {
    @Override
    public String toString() {
      return dashboard + " / " + panel + " (" + refId + ")";
    }
  }

  static List<DashboardFile> all() {
    try (Stream<Path> files = Files.list(DASHBOARDS)) {
      return files
          .filter(f -> f.toString().endsWith(".json"))
          .sorted()
          .map(DashboardFile::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DashboardFile read(Path path) {
    try {
      return new DashboardFile(path, MAPPER.readTree(path.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  String uid() {
    return json.path("uid").asText();
  }

  String title() {
    return json.path("title").asText();
  }

  /** Every panel, rows' nested panels included. */
  List<JsonNode> panels() {
    List<JsonNode> all = new ArrayList<>();
    collect(json.path("panels"), all);
    return all;
  }

  private static void collect(JsonNode panels, List<JsonNode> into) {
    for (JsonNode p : panels) {
      into.add(p);
      collect(p.path("panels"), into);
    }
  }

  List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (JsonNode v : json.path("templating").path("list")) {
      if ("query".equals(v.path("type").asText())) {
        JsonNode q = v.path("query");
        String sql = q.isTextual() ? q.asText() : q.path("rawSql").asText(q.path("query").asText());
        queries.add(
            new Query(
                title(),
                "$" + v.path("name").asText(),
                "variable",
                v.path("name").asText(),
                "table",
                v.path("datasource").path("uid").asText(),
                sql,
                Duration.ZERO));
      }
    }
    for (JsonNode p : panels()) {
      Duration min =
          p.hasNonNull("interval")
              ? GrafanaMacros.parse(p.path("interval").asText())
              : Duration.ZERO;
      for (JsonNode t : p.path("targets")) {
        JsonNode ds = t.has("datasource") ? t.path("datasource") : p.path("datasource");
        queries.add(
            new Query(
                title(),
                p.path("title").asText(),
                p.path("type").asText(),
                t.path("refId").asText(),
                t.path("format").asText("time_series"),
                ds.path("uid").asText(),
                t.path("rawSql").asText(),
                min));
      }
    }
    return queries;
  }
}
