package dev.heron.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A campaign with an A/B test: the page's variant table equals the A/B API's figures. */
@ExtendWith(Dashboards.class)
class CampaignAbTestPageTest {
  @Test
  void theVariantsAndTheTestEqualTheApi() {
    Dashboards.World world = Dashboards.world();
    Browser browser = world.browser();
    List<String> emailTemplates = new ArrayList<>();
    for (JsonNode t : world.api().get("/api/templates?limit=100").path("items")) {
      if (t.path("channel").asText().equals("email")) {
        emailTemplates.add(t.path("id").asText());
      }
    }
    assertThat(emailTemplates).hasSizeGreaterThanOrEqualTo(2);
    String identityId =
        world
            .api()
            .get("/api/campaigns/" + world.slice().campaignId())
            .path("senderIdentityId")
            .asText();
    String listId = world.api().get("/api/lists").path("items").get(0).path("id").asText();
    JsonNode campaign =
        world
            .api()
            .post(
                "/api/campaigns",
                Map.of(
                    "name",
                    "Subject line test",
                    "channel",
                    "email",
                    "variants",
                    List.of(
                        Map.of(
                            "name",
                            "A",
                            "split",
                            50,
                            "templates",
                            Map.of("email", emailTemplates.get(0))),
                        Map.of(
                            "name",
                            "B",
                            "split",
                            50,
                            "templates",
                            Map.of("email", emailTemplates.get(1)))),
                    "abTest",
                    Map.of("testPercent", 20, "metric", "clicks"),
                    "senderIdentityId",
                    identityId,
                    "audience",
                    Map.of("lists", List.of(listId))));
    String id = campaign.path("id").asText();
    JsonNode ab = world.api().get("/api/campaigns/" + id + "/ab");

    assertThat(browser.open(world.page("campaign.html?id=" + id))).isEqualTo("ready");
    assertThat(browser.consoleErrors()).isEmpty();
    assertThat(browser.find("#ab").isDisplayed()).isTrue();
    assertThat(browser.text("#ab-summary")).contains("20 %").contains("clicks");
    assertThat(browser.findAll("#ab-variants tbody tr")).hasSize(ab.path("variants").size());
    for (JsonNode v : ab.path("variants")) {
      String row = "#ab-variants tr[data-variant='" + v.path("variant").asText() + "'] ";
      for (String field : List.of("sent", "delivered", "uniqueOpens", "uniqueClicks")) {
        assertThat(
                Long.parseLong(
                    browser.find(row + "[data-field='" + field + "']").getAttribute("data-value")))
            .as("%s of %s", field, v.path("variant").asText())
            .isEqualTo(v.path(field).asLong());
      }
      assertThat(
              Double.parseDouble(
                  browser.find(row + "[data-field='rate']").getAttribute("data-value")))
          .isCloseTo(v.path("rate").asDouble(), within(1e-12));
    }
    browser.screenshot("campaign-ab-test");
  }
}
