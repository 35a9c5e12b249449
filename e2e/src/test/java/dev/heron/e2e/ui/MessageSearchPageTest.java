package dev.heron.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.heron.e2e.DemoAudience;
import dev.heron.e2e.Settled;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Message search: a refused recipient's message with every event and the exact SMTP reply. */
@ExtendWith(Dashboards.class)
class MessageSearchPageTest {
  @Test
  void aBouncedRecipientsEventsAndExactReplyEqualTheApi() throws Exception {
    Dashboards.World world = Dashboards.world();
    Browser browser = world.browser();
    String bounced =
        world.slice().audience().emails().stream()
            .filter(DemoAudience::refusedBySimulator)
            .findFirst()
            .orElseThrow();
    // The search reads the raw archive, which the pipeline writes apart from the insights the
    // slice waited for: read the API and the page again until the bounce is in both.
    Settled.check(
        () -> {
          JsonNode messages =
              world
                  .api()
                  .get(
                      "/api/messages?recipient="
                          + URLEncoder.encode(bounced, StandardCharsets.UTF_8))
                  .path("items");
          assertThat(messages).hasSize(1);
          JsonNode message = messages.get(0);

          assertThat(browser.open(world.page("messages.html"))).isEqualTo("ready");
          browser.find("#term").sendKeys(bounced);
          browser.find("#search button[type='submit']").click();
          assertThat(browser.awaitState()).isEqualTo("ready");
          browser.await(
              "the message's card",
              "return !!document.querySelector(\"article[data-message='\" + arguments[0] + \"']\")",
              message.path("messageId").asText());
          assertThat(browser.consoleErrors()).isEmpty();

          WebElement card =
              browser.find("article[data-message='" + message.path("messageId").asText() + "']");
          assertThat(card.getText()).contains(bounced);
          List<String> drawnTypes = new ArrayList<>();
          for (WebElement row : card.findElements(By.cssSelector("tbody tr"))) {
            drawnTypes.add(row.getAttribute("data-type"));
          }
          List<String> apiTypes = new ArrayList<>();
          String reply = null;
          for (JsonNode e : message.path("events")) {
            apiTypes.add(e.path("type").asText());
            if (e.path("type").asText().equals("BOUNCED")) {
              reply = e.path("smtpResponse").asText();
            }
          }
          assertThat(drawnTypes).containsExactlyElementsOf(apiTypes).contains("SENT", "BOUNCED");
          assertThat(reply).contains("5.1.1");
          assertThat(
                  card.findElement(
                          By.cssSelector("tr[data-type='BOUNCED'] [data-field='smtpResponse']"))
                      .getText())
              .as("the exact SMTP reply")
              .isEqualTo(reply);
        });
    assertThat(browser.currentUrl()).contains("recipient=");
    browser.screenshot("message-search");

    browser.js(
        "const by = document.getElementById('by'); by.value = 'messageId';"
            + " by.dispatchEvent(new Event('change'));");
    WebElement term = browser.find("#term");
    term.clear();
    term.sendKeys("not-a-uuid");
    browser.find("#search button[type='submit']").click();
    assertThat(browser.awaitState()).isEqualTo("error");
    assertThat(browser.text("#error")).contains("HTTP 400").contains("messageId");
    assertThat(browser.consoleErrors())
        .as("only the refused request itself")
        .allSatisfy(e -> assertThat(e).contains("400"));
  }
}
