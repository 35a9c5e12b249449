package dev.heron.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

/**
 * The deliverability page: the score chart per provider draws exactly the API's score history,
 * warmup rows show the API's day, cap, use and pause reason, and the advisor's recommendations are
 * listed with their severity.
 *
 * <p>The IP is one of the tenant's own, in the documentation range and inactive, so no sender ever
 * routes through it; its reputation snapshots and warmup state are written as the reputation and
 * warmup jobs write them.
 */
@ExtendWith(Dashboards.class)
class DeliverabilityPageTest {
  private static final String IP = "198.51.100." + ThreadLocalRandom.current().nextInt(1, 255);
  private static final List<String> PROVIDERS = List.of("gmail", "outlook");
  private static final UUID POOL = UUID.randomUUID();

  @BeforeAll
  static void seedTheTenantsIp() {
    removeIpRows();
    Database.update(
        "INSERT INTO ip_pools (id, tenant_id, name) VALUES (?, ?, ?)",
        POOL,
        Dashboards.world().slice().tenantId(),
        "charts-" + POOL);
    Database.update("INSERT INTO sending_ips (ip, pool_id, active) VALUES (?, ?, false)", IP, POOL);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    for (String provider : PROVIDERS) {
      for (int i = 0; i < 4; i++) {
        double score = provider.equals("gmail") ? 0.9 - 0.1 * i : 0.5 + 0.05 * i;
        Timestamp at = Timestamp.from(now.minus(30L * (4 - i), ChronoUnit.MINUTES));
        Database.update(
            "INSERT INTO ip_reputation (computed_at, ip, provider, volume, delivery_rate,"
                + " bounce_rate, complaint_rate, deferral_rate, score)"
                + " VALUES (?, ?, ?, ?, 0.9, 0.04, 0, 0.05, ?)",
            at,
            IP,
            provider,
            100 + i,
            score);
        if (i == 3) {
          Database.update(
              "INSERT INTO ip_reputation_current (ip, provider, computed_at, volume, delivery_rate,"
                  + " bounce_rate, complaint_rate, deferral_rate, score)"
                  + " VALUES (?, ?, ?, ?, 0.9, 0.04, 0, 0.05, ?)",
              IP,
              provider,
              at,
              100 + i,
              score);
        }
      }
    }
    Database.update(
        "INSERT INTO warmup_schedules (ip, schedule, schedule_day, daily_cap, sent_today, paused,"
            + " pause_reason, paused_at) VALUES (?, '[]'::jsonb, 5, 500, 212, true,"
            + " 'bounce rate 4.0 % above 3 %', now())",
        IP);
  }

  @AfterAll
  static void removeIpRows() {
    Database.update("DELETE FROM ip_reputation WHERE ip = ?", IP);
    Database.update("DELETE FROM ip_reputation_current WHERE ip = ?", IP);
    Database.update("DELETE FROM sending_ips WHERE ip = ?", IP);
    Database.update("DELETE FROM ip_pools WHERE id = ?", POOL);
  }

  @Test
  void scoresWarmupAndAdviceEqualTheApi() {
    Dashboards.World world = Dashboards.world();
    Browser browser = world.browser();
    String campaignId = world.slice().campaignId().toString();
    JsonNode advice = world.api().get("/api/campaigns/" + campaignId + "/advisor");

    assertThat(browser.open(world.page("deliverability.html?campaign=" + campaignId)))
        .isEqualTo("ready");
    assertThat(browser.consoleErrors()).isEmpty();

    JsonNode history = world.api().get("/api/ip-scores/" + IP + "/history");
    for (String provider : PROVIDERS) {
      Map<Long, Double> api = new HashMap<>();
      for (JsonNode s : history) {
        if (s.path("provider").asText().equals(provider)) {
          api.put(
              Instant.parse(s.path("computedAt").asText()).toEpochMilli(),
              s.path("score").asDouble());
        }
      }
      assertThat(api).hasSize(4);
      Map<Long, Double> drawn = scorePoints(browser, provider, IP);
      assertThat(drawn.keySet()).containsExactlyInAnyOrderElementsOf(api.keySet());
      api.forEach((t, score) -> assertThat(drawn.get(t)).isCloseTo(score, within(1e-12)));
    }
    WebElement current = browser.find("#scores tr[data-ip='" + IP + "'][data-provider='gmail']");
    JsonNode gmail = null;
    for (JsonNode s : world.api().get("/api/ip-scores")) {
      if (s.path("ip").asText().equals(IP) && s.path("provider").asText().equals("gmail")) {
        gmail = s;
      }
    }
    assertThat(gmail).isNotNull();
    assertThat(
            Double.parseDouble(
                current
                    .findElement(org.openqa.selenium.By.cssSelector("[data-field='score']"))
                    .getAttribute("data-value")))
        .isCloseTo(gmail.path("score").asDouble(), within(1e-12));

    JsonNode warmup = null;
    for (JsonNode w : world.api().get("/api/warmup/status")) {
      if (w.path("ip").asText().equals(IP)) {
        warmup = w;
      }
    }
    assertThat(warmup).as("the API shows the tenant's warming IP").isNotNull();
    String row = "#warmup tr[data-ip='" + IP + "'] ";
    assertThat(browser.text(row + "[data-field='day']"))
        .isEqualTo(warmup.path("scheduleDay").asText());
    assertThat(browser.text(row + "[data-field='cap']")).isEqualTo("500");
    assertThat(browser.text(row + "[data-field='used']"))
        .isEqualTo(warmup.path("sentToday").asText());
    assertThat(browser.text(row + "[data-field='state']"))
        .contains("paused")
        .contains(warmup.path("pauseReason").asText());

    List<String> severities = new ArrayList<>();
    List<String> titles = new ArrayList<>();
    for (WebElement li : browser.findAll("#advice li")) {
      severities.add(li.getAttribute("data-severity"));
      titles.add(li.findElement(org.openqa.selenium.By.tagName("strong")).getText());
    }
    List<String> apiTitles = new ArrayList<>();
    advice.forEach(r -> apiTitles.add(r.path("title").asText()));
    assertThat(titles).containsExactlyInAnyOrderElementsOf(apiTitles);
    assertThat(severities).isSortedAccordingTo(DeliverabilityPageTest::bySeverity);
    browser.screenshot("deliverability");
  }

  private static int bySeverity(String a, String b) {
    List<String> order = List.of("critical", "warning", "info");
    return Integer.compare(order.indexOf(a), order.indexOf(b));
  }

  @SuppressWarnings("unchecked")
  private static Map<Long, Double> scorePoints(Browser browser, String provider, String ip) {
    List<Map<String, Object>> points =
        (List<Map<String, Object>>)
            browser.js(
                "const chart = Chart.getChart(document.getElementById('score-chart-' + arguments[0]));"
                    + " const set = chart && chart.data.datasets.find(d => d.label === arguments[1]);"
                    + " return set ? set.data : null;",
                provider,
                ip);
    assertThat(points).as("the %s chart has a line for %s", provider, ip).isNotNull();
    Map<Long, Double> byTime = new HashMap<>();
    for (Map<String, Object> p : points) {
      byTime.put(((Number) p.get("x")).longValue(), ((Number) p.get("y")).doubleValue());
    }
    return byTime;
  }
}
