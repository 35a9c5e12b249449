package dev.heron.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heron.e2e.Settled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.WebElement;

/** The campaign list: the seeded campaign with its status, progress and the API's rates. */
@ExtendWith(Dashboards.class)
class CampaignsPageTest {
  @Test
  void listsTheCampaignWithTheInsightsApisNumbers() throws Exception {
    Dashboards.World world = Dashboards.world();
    Browser browser = world.browser();
    String campaignId = world.slice().campaignId().toString();

    Settled.check(
        () -> {
          assertThat(browser.open(world.page("index.html"))).isEqualTo("ready");
          assertThat(browser.consoleErrors()).isEmpty();

          JsonNode campaign = world.api().get("/api/campaigns/" + campaignId);
          JsonNode totals =
              world
                  .api()
                  .get(
                      "/api/campaigns/"
                          + campaignId
                          + "/insights?group_by=day&from="
                          + campaign.path("createdAt").asText().substring(0, 13)
                          + ":00:00Z")
                  .path("totals");
          WebElement row = browser.find("tr[data-campaign='" + campaignId + "']");
          assertThat(row.getText()).contains(campaign.path("name").asText());
          assertThat(row.getText()).contains(campaign.path("status").asText());
          for (String field : new String[] {"sent", "delivered"}) {
            assertThat(value(browser, campaignId, field))
                .as(field)
                .isEqualTo(totals.path(field).asDouble());
          }
          for (String rate :
              new String[] {
                "deliveryRate", "openRate", "clickRate", "bounceRate", "complaintRate"
              }) {
            assertThat(value(browser, campaignId, rate))
                .as(rate)
                .isCloseTo(totals.path(rate).asDouble(), within(1e-12));
          }
          assertThat(totals.path("sent").asLong()).isEqualTo(world.slice().totals().sent());
          long recipients = 0;
          for (JsonNode n : campaign.path("recipients")) {
            recipients += n.asLong();
          }
          assertThat(value(browser, campaignId, "recipients")).isEqualTo((double) recipients);
        });

    browser.screenshot("campaigns");
  }

  @Test
  void theKeyFormSignsIn() {
    Dashboards.World world = Dashboards.world();
    Browser browser = world.browser();
    assertThat(browser.open(world.page("index.html"))).isEqualTo("ready");

    browser.js("window.beforeReload = true");
    browser.find("#session button").click();
    browser.await(
        "the page reloaded without a key",
        "return !window.beforeReload && document.body.dataset.state === 'error'");
    assertThat(browser.text("#error")).contains("enter the tenant API key");
    browser.find("#api-key").sendKeys(world.slice().apiKey());
    browser.find("#login button[type='submit']").click();
    assertThat(browser.awaitState()).isEqualTo("ready");
    assertThat(browser.find("#error").isDisplayed()).isFalse();
    assertThat(browser.findAll("tr[data-campaign='" + world.slice().campaignId() + "']"))
        .hasSize(1);
    assertThat(browser.consoleErrors()).isEmpty();
  }

  private static double value(Browser browser, String campaignId, String field) {
    return Double.parseDouble(
        browser
            .find("tr[data-campaign='" + campaignId + "'] td[data-field='" + field + "']")
            .getAttribute("data-value"));
  }
}
