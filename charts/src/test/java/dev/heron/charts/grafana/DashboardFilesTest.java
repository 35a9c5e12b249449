package dev.heron.charts.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The dashboard files hang together: one provisioned data source, wired into docker-compose. */
class DashboardFilesTest {
  @Test
  void theThreeDashboardsAreThereWithUniqueUidsAndQueries() {
    List<DashboardFile> dashboards = DashboardFile.all();
    assertThat(dashboards)
        .extracting(DashboardFile::uid)
        .containsExactlyInAnyOrder(
            "heron-campaign-insights", "heron-deliverability", "heron-ip-reputation");
    Set<Integer> ids = new HashSet<>();
    for (DashboardFile d : dashboards) {
      ids.clear();
      for (var panel : d.panels()) {
        assertThat(ids.add(panel.path("id").asInt()))
            .as("panel ids unique in %s", d.title())
            .isTrue();
      }
      assertThat(d.queries()).as("queries of %s", d.title()).hasSizeGreaterThan(3);
    }
  }

  @Test
  void everyQueryUsesTheProvisionedDataSourceInCodeMode() throws IOException {
    String datasources =
        Files.readString(
            DashboardFile.PROVISIONING.resolve(Path.of("datasources", "timescaledb.yml")));
    assertThat(datasources)
        .contains("uid: heron-timescaledb")
        .contains("type: grafana-postgresql-datasource")
        .contains("timescaledb: true");
    for (DashboardFile d : DashboardFile.all()) {
      for (DashboardFile.Query q : d.queries()) {
        assertThat(q.datasourceUid()).as("data source of %s", q).isEqualTo("heron-timescaledb");
        assertThat(q.sql()).as("SQL of %s", q).isNotBlank();
        assertThat(q.format()).as("format of %s", q).isIn("time_series", "table");
        if (q.format().equals("time_series")) {
          assertThat(q.sql()).as("time column of %s", q).contains("$__timeGroupAlias(");
        }
      }
      for (var panel : d.panels()) {
        for (var target : panel.path("targets")) {
          assertThat(target.path("rawQuery").asBoolean()).isTrue();
          assertThat(target.path("editorMode").asText()).isEqualTo("code");
        }
      }
    }
  }

  @Test
  void dockerComposeMountsTheProvisioningAndTheDashboards() throws IOException {
    String compose = Files.readString(Path.of("..", "docker-compose.yml"));
    assertThat(compose)
        .contains("image: grafana/grafana:")
        .contains("./charts/grafana/provisioning:/etc/grafana/provisioning:ro")
        .contains("./charts/grafana/dashboards:/var/lib/grafana/dashboards/heron:ro");
    String providers =
        Files.readString(DashboardFile.PROVISIONING.resolve(Path.of("dashboards", "heron.yml")));
    assertThat(providers).contains("path: /var/lib/grafana/dashboards/heron");
  }
}
