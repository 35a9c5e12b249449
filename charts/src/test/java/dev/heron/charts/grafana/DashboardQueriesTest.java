package dev.heron.charts.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.charts.grafana.GrafanaMacros.Variable;
import dev.heron.events.Settings;
import dev.heron.sql.Migrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Every SQL query of the Grafana dashboards, with Grafana's macros and template variables
 * substituted, executed on the migrated schema against rows seeded for a tenant and a sending IP of
 * this test: each returns rows with the columns its panel format needs, and the key panels the
 * numbers that were seeded.
 */
class DashboardQueriesTest {
  private static final Set<Integer> NUMERIC =
      Set.of(
          Types.BIGINT,
          Types.INTEGER,
          Types.SMALLINT,
          Types.NUMERIC,
          Types.DECIMAL,
          Types.DOUBLE,
          Types.REAL,
          Types.FLOAT);

  private static PGSimpleDataSource database;
  private static Connection reader;
  private static SeededWorld world;
  private static Instant from;
  private static Instant to;

  @BeforeAll
  static void seed() throws SQLException {
    database = new PGSimpleDataSource();
    database.setUrl(Settings.get(Settings.DB_URL));
    database.setUser(Settings.get(Settings.DB_USER));
    database.setPassword(Settings.get(Settings.DB_PASSWORD));
    Migrations.apply(database);
    world = new SeededWorld();
    try (Connection c = database.getConnection()) {
      world.seed(c);
    }
    reader = database.getConnection();
    reader.setReadOnly(true);
    from = world.firstHour.minus(1, ChronoUnit.HOURS);
    to = Instant.now().plus(1, ChronoUnit.MINUTES);
  }

  @AfterAll
  static void remove() throws SQLException {
    if (reader != null) {
      reader.close();
    }
    if (world != null) {
      try (Connection c = database.getConnection()) {
        world.remove(c);
      }
    }
  }

  /** The values a person would pick in the dashboards' variable menus: this test's own rows. */
  private static Map<String, Variable> variables() {
    return Map.of(
        "tenant", Variable.single(world.tenantId.toString()),
        "campaign", Variable.single(world.campaignId.toString()),
        "provider", Variable.multi(SeededWorld.PROVIDERS.toArray(String[]::new)),
        "ip", Variable.multi(world.ip));
  }

  /** {@code $__interval} as Grafana picks it: the range over ~1000 points, at least the panel's. */
  private static Duration interval(DashboardFile.Query q) {
    Duration byPoints = Duration.between(from, to).dividedBy(1000).truncatedTo(ChronoUnit.SECONDS);
    Duration atLeast =
        byPoints.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : byPoints;
    return q.minInterval().compareTo(atLeast) > 0 ? q.minInterval() : atLeast;
  }

  private record Result(
      List<String> columns, List<Integer> types, List<Map<String, Object>> rows) {}

  private static Result run(DashboardFile.Query q) throws SQLException {
    String sql = new GrafanaMacros(from, to, interval(q), variables()).expand(q.sql());
    try (Statement s = reader.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      List<Integer> types = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i));
        types.add(meta.getColumnType(i));
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns.size(); i++) {
          row.put(columns.get(i - 1), rs.getObject(i));
        }
        rows.add(row);
      }
      return new Result(columns, types, rows);
    } catch (SQLException e) {
      throw new SQLException(q + " failed: " + e.getMessage() + "\n" + sql, e);
    }
  }

  @TestFactory
  Stream<DynamicTest> everyQueryRunsAndReturnsTheColumnsItsPanelNeeds() {
    return DashboardFile.all().stream()
        .flatMap(d -> d.queries().stream())
        .map(q -> DynamicTest.dynamicTest(q.toString(), () -> check(q)));
  }

  private static void check(DashboardFile.Query q) throws SQLException {
    Result r = run(q);
    assertThat(r.rows()).as("rows of %s on the seeded data", q).isNotEmpty();
    assertThat(Set.copyOf(r.columns()))
        .as("unique column names of %s", q)
        .hasSameSizeAs(r.columns());
    if (q.kind().equals("variable")) {
      assertThat(r.columns().size() == 1 || r.columns().containsAll(List.of("__value", "__text")))
          .as("a variable query answers one column or __value and __text: %s", r.columns())
          .isTrue();
      return;
    }
    if (q.format().equals("time_series")) {
      int time = r.columns().indexOf("time");
      assertThat(time).as("time column of %s", q).isGreaterThanOrEqualTo(0);
      assertThat(r.types().get(time)).isIn(Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE);
      for (int i = 0; i < r.columns().size(); i++) {
        String column = r.columns().get(i);
        if (i == time || column.equals("metric")) {
          continue;
        }
        assertThat(NUMERIC).as("%s of %s is a number", column, q).contains(r.types().get(i));
      }
      List<Instant> times =
          r.rows().stream().map(row -> ((java.sql.Timestamp) row.get("time")).toInstant()).toList();
      assertThat(times).as("time order of %s", q).isSorted();
      assertThat(times)
          .allSatisfy(t -> assertThat(t).isBetween(from.minus(1, ChronoUnit.DAYS), to));
    }
  }

  private static DashboardFile.Query query(String dashboardUid, String panel) {
    return DashboardFile.all().stream()
        .filter(d -> d.uid().equals(dashboardUid))
        .flatMap(d -> d.queries().stream())
        .filter(q -> q.panel().equals(panel))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no panel '" + panel + "' in " + dashboardUid));
  }

  private static double number(Object value) {
    return value == null ? Double.NaN : ((Number) value).doubleValue();
  }

  @Test
  void campaignPanelsShowTheSeededCounts() throws SQLException {
    int perHour = SeededWorld.PROVIDERS.size() * SeededWorld.VARIANTS.size();
    Result totals = run(query("heron-campaign-insights", "Totals"));
    Map<String, Object> t = totals.rows().get(0);
    assertThat(number(t.get("Sent"))).isEqualTo(SeededWorld.ROWS * SeededWorld.SENT);
    assertThat(number(t.get("Delivered"))).isEqualTo(SeededWorld.ROWS * SeededWorld.DELIVERED);
    assertThat(number(t.get("Bounced"))).isEqualTo(SeededWorld.ROWS * 2);
    assertThat(number(t.get("Unique opens")))
        .isEqualTo(SeededWorld.ROWS * SeededWorld.OPENS_UNIQUE);

    Result volume = run(query("heron-campaign-insights", "Volume"));
    assertThat(volume.rows()).hasSize(2);
    assertThat(((java.sql.Timestamp) volume.rows().get(0).get("time")).toInstant())
        .isEqualTo(world.firstHour);
    for (Map<String, Object> row : volume.rows()) {
      assertThat(number(row.get("sent"))).isEqualTo(perHour * SeededWorld.SENT);
      assertThat(number(row.get("unique clicks"))).isEqualTo(perHour * SeededWorld.CLICKS_UNIQUE);
    }
    Result rates = run(query("heron-campaign-insights", "Rates"));
    assertThat(number(rates.rows().get(0).get("delivery")))
        .isEqualTo((double) SeededWorld.DELIVERED / SeededWorld.SENT);
    assertThat(number(rates.rows().get(0).get("complaint")))
        .isEqualTo((double) SeededWorld.COMPLAINTS / SeededWorld.DELIVERED);

    Result byProvider = run(query("heron-campaign-insights", "By mailbox provider"));
    assertThat(byProvider.rows())
        .extracting(r -> r.get("provider"))
        .containsExactlyInAnyOrder("gmail", "outlook");
    Result byVariant = run(query("heron-campaign-insights", "By A/B variant"));
    assertThat(byVariant.rows()).extracting(r -> r.get("variant")).containsExactly("A", "B");
    Result ab = run(query("heron-campaign-insights", "A/B test"));
    assertThat(ab.rows().get(0).get("winner")).isEqualTo("B");
  }

  @Test
  void deliverabilityPanelsSplitByProviderAndKeepTheExactReplies() throws SQLException {
    Result bounce = run(query("heron-deliverability", "Bounce rate by provider"));
    Map<String, Integer> seriesPoints = new HashMap<>();
    for (Map<String, Object> row : bounce.rows()) {
      seriesPoints.merge((String) row.get("metric"), 1, Integer::sum);
      assertThat(number(row.get("value"))).isEqualTo(2.0 / SeededWorld.SENT);
    }
    assertThat(seriesPoints).containsOnlyKeys("gmail", "outlook").containsValues(2);

    Result replies = run(query("heron-deliverability", "Bounce and deferral replies"));
    assertThat(replies.rows())
        .extracting(r -> r.get("reply"))
        .contains("550 5.1.1 <x@gmail.test>: no such user", "421 4.7.0 try again later");
  }

  @Test
  void reputationAndWarmupPanelsShowTheSeededIp() throws SQLException {
    Result score = run(query("heron-ip-reputation", "Score by IP and provider"));
    assertThat(score.rows())
        .extracting(r -> r.get("metric"))
        .containsOnly(world.ip + " · gmail", world.ip + " · outlook");
    Result current = run(query("heron-ip-reputation", "Current scores"));
    assertThat(current.rows())
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.get("ip")).isEqualTo(world.ip));
    Result warmup = run(query("heron-ip-reputation", "Warmup"));
    Map<String, Object> w = warmup.rows().get(0);
    assertThat(w.get("ip")).isEqualTo(world.ip);
    assertThat(number(w.get("day"))).isEqualTo(6);
    assertThat(number(w.get("daily cap"))).isEqualTo(500);
    assertThat(number(w.get("used today")))
        .as("today's exact count, from warmup_usage")
        .isEqualTo(131);
    assertThat(w.get("paused")).isEqualTo(true);
    assertThat(w.get("pause reason")).isEqualTo("bounce rate 4.1 % > 3 %");
    Result sent = run(query("heron-ip-reputation", "Messages sent per IP"));
    assertThat(sent.rows().stream().mapToDouble(r -> number(r.get("value"))).sum())
        .isEqualTo(2 * SeededWorld.PROVIDERS.size());
  }
}
