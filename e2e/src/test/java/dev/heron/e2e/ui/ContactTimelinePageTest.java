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

/** The contact timeline, found by email address: the API's messages and events, in its order. */
@ExtendWith(Dashboards.class)
class ContactTimelinePageTest {
  @Test
  void aContactsMessagesAndEventsEqualTheApi() throws Exception {
    Dashboards.World world = Dashboards.world();
    Browser browser = world.browser();
    String email =
        world.slice().audience().emails().stream()
            .filter(e -> !DemoAudience.refusedBySimulator(e))
            .findFirst()
            .orElseThrow();
    JsonNode contact =
        world
            .api()
            .get("/api/contacts?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8))
            .path("items")
            .get(0);
    String contactId = contact.path("id").asText();
    Settled.check(
        () -> {
          JsonNode timeline =
              world.api().get("/api/contacts/" + contactId + "/timeline").path("items");
          assertThat(timeline).isNotEmpty();

          assertThat(browser.open(world.page("contact.html?email=" + email))).isEqualTo("ready");
          assertThat(browser.consoleErrors()).isEmpty();
          assertThat(browser.text("#who")).isEqualTo(email);
          assertThat(browser.currentUrl()).contains("id=" + contactId);

          List<WebElement> cards = browser.findAll("#timeline article");
          assertThat(cards).hasSameSizeAs(timeline);
          for (int i = 0; i < cards.size(); i++) {
            JsonNode message = timeline.get(i);
            WebElement card = cards.get(i);
            assertThat(card.getAttribute("data-message"))
                .isEqualTo(message.path("messageId").asText());
            List<String> drawn = new ArrayList<>();
            for (WebElement row : card.findElements(By.cssSelector("tbody tr"))) {
              drawn.add(row.getAttribute("data-event"));
            }
            List<String> api = new ArrayList<>();
            message.path("events").forEach(e -> api.add(e.path("eventId").asText()));
            assertThat(drawn).containsExactlyElementsOf(api).isNotEmpty();
          }
        });
    browser.screenshot("contact-timeline");
  }
}
