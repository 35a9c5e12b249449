package dev.heron.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heron.e2e.Settled;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The insights page: every number its time-series and pivot charts draw equals what the insights
 * API answers for the same range and grouping, and it refreshes by itself while live.
 */
@ExtendWith(Dashboards.class)
class CampaignInsightsPageTest {
  /** Legend label → field of the API's rows, as the page draws them. */
  private static final Map<String, String> VOLUME =
      Map.of(
          "sent", "sent",
          "delivered", "delivered",
          "bounced", "bounced",
          "deferred", "deferred",
          "opens (unique)", "uniqueOpens",
          "clicks (unique)", "uniqueClicks",
          "unsubscribes", "unsubscribes",
          "complaints", "complaints");

  private static final Map<String, String> RATES =
      Map.of(
          "delivery", "deliveryRate",
          "open", "openRate",
          "click", "clickRate",
          "bounce", "bounceRate",
          "complaint", "complaintRate",
          "unsubscribe", "unsubscribeRate");

  private static final Map<String, String> PIVOT =
      Map.of(
          "sent", "sent",
          "delivered", "delivered",
          "bounced", "bounced",
          "opens (unique)", "uniqueOpens",
          "clicks (unique)", "uniqueClicks");

  @Test
  void timeSeriesTotalsAndPivotsEqualTheApi() throws Exception {
    Dashboards.World world = Dashboards.world();
    Browser browser = world.browser();
    String id = world.slice().campaignId().toString();
    Instant from = campaignStart(world, id);
    Instant to = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
    String range = "&from=" + from + "&to=" + to;

    Settled.check(
        () -> {
          assertThat(browser.open(world.page("campaign.html?id=" + id + range + "&group_by=hour")))
              .isEqualTo("ready");
          assertThat(browser.consoleErrors()).isEmpty();

          JsonNode byHour = world.api().get(insights(id, range, "hour"));
          assertTimeSeries(ChartData.read(browser, "volume-chart"), byHour, VOLUME, false);
          assertTimeSeries(ChartData.read(browser, "rates-chart"), byHour, RATES, true);
          JsonNode totals = byHour.path("totals");
          for (String field : VOLUME.values()) {
            assertThat(
                    Long.parseLong(
                        browser
                            .find("#totals .card[data-field='" + field + "'] .card-value")
                            .getAttribute("data-value")))
                .as("totals card %s", field)
                .isEqualTo(totals.path(field).asLong());
          }
          assertThat(totals.path("sent").asLong()).isEqualTo(world.slice().totals().sent());
          assertPivot(browser, world.api().get(insights(id, range, "provider")));
          assertThat(ChartData.read(browser, "pivot-chart").keys())
              .as("the demo audience spans several providers")
              .hasSizeGreaterThan(1);
        });
    browser.screenshot("campaign-insights");

    for (String pivot : List.of("identity", "variant")) {
      Settled.check(
          () -> {
            browser.find("#pivot-tabs button[data-pivot='" + pivot + "']").click();
            assertThat(browser.awaitState()).isEqualTo("ready");
            assertPivot(browser, world.api().get(insights(id, range, pivot)));
          });
    }

    Settled.check(
        () -> {
          browser.js(
              "const group = document.getElementById('group');"
                  + " group.value = 'day'; group.dispatchEvent(new Event('change'));");
          assertThat(browser.awaitState()).isEqualTo("ready");
          browser.await(
              "the daily series",
              "return new URL(location.href).searchParams.get('group_by') === 'day'");
          assertTimeSeries(
              ChartData.read(browser, "volume-chart"),
              world.api().get(insights(id, range, "day")),
              VOLUME,
              false);
        });
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void liveRefreshRedrawsWhileTheCampaignRuns() {
    Dashboards.World world = Dashboards.world();
    Browser browser = world.browser();
    String id = world.slice().campaignId().toString();

    assertThat(browser.open(world.page("campaign.html?id=" + id))).isEqualTo("ready");
    browser.js(
        "document.getElementById('live').checked ||" + " document.getElementById('live').click()");
    String first = browser.text("#refreshed");
    browser.await(
        "a live refresh",
        "return document.body.dataset.state === 'ready'"
            + " && document.getElementById('refreshed').textContent !== arguments[0]",
        first);
    assertThat(browser.consoleErrors()).isEmpty();
    browser.js("document.getElementById('live').click()");
  }

  private static String insights(String id, String range, String groupBy) {
    return "/api/campaigns/" + id + "/insights?group_by=" + groupBy + range;
  }

  private static Instant campaignStart(Dashboards.World world, String id) {
    JsonNode campaign = world.api().get("/api/campaigns/" + id);
    String launched = campaign.path("launchedAt").asText(null);
    return Instant.parse(launched != null ? launched : campaign.path("createdAt").asText())
        .truncatedTo(ChronoUnit.HOURS);
  }

  /**
   * Each API bucket's value sits at its slot; every other slot is zero (counts) or a gap (rates).
   */
  private static void assertTimeSeries(
      ChartData chart, JsonNode insights, Map<String, String> fields, boolean rates) {
    Map<Instant, JsonNode> byBucket = new HashMap<>();
    for (JsonNode b : insights.path("buckets")) {
      byBucket.put(Instant.parse(b.path("bucket").asText()), b);
    }
    assertThat(byBucket).as("the API has buckets for the campaign").isNotEmpty();
    List<Instant> slots = chart.buckets().stream().map(Instant::parse).toList();
    assertThat(slots).containsAll(byBucket.keySet());
    assertThat(chart.labels()).hasSameSizeAs(slots);
    fields.forEach(
        (label, field) -> {
          List<Double> drawn = chart.numbers(label);
          assertThat(drawn).hasSameSizeAs(slots);
          for (int i = 0; i < slots.size(); i++) {
            JsonNode bucket = byBucket.get(slots.get(i));
            Double value = drawn.get(i);
            if (bucket == null) {
              assertThat(value).as("%s at empty slot %s", label, slots.get(i)).isIn(0.0, null);
            } else if (rates && bucket.path("sent").asLong() == 0) {
              assertThat(value).as("%s with nothing sent at %s", label, slots.get(i)).isNull();
            } else {
              assertThat(value)
                  .as("%s at %s", label, slots.get(i))
                  .isCloseTo(bucket.path(field).asDouble(), within(1e-12));
            }
          }
        });
  }

  private static void assertPivot(Browser browser, JsonNode insights) {
    ChartData chart = ChartData.read(browser, "pivot-chart");
    List<String> keys = new ArrayList<>();
    insights
        .path("buckets")
        .forEach(b -> keys.add(b.path("key").isTextual() ? b.path("key").asText() : null));
    assertThat(chart.keys()).containsExactlyElementsOf(keys);
    PIVOT.forEach(
        (label, field) -> {
          List<Double> drawn = chart.numbers(label);
          for (int i = 0; i < keys.size(); i++) {
            assertThat(drawn.get(i))
                .as("%s of %s '%s'", label, insights.path("groupBy").asText(), keys.get(i))
                .isEqualTo(insights.path("buckets").get(i).path(field).asDouble());
          }
          assertThat(drawn).hasSameSizeAs(keys);
        });
    assertThat(browser.findAll("#pivot-table tbody tr")).hasSameSizeAs(keys);
  }
}
