package dev.heron.senders.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.TrackingLinks;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LinkTrackerTest {
  private final TrackingLinks links = new TrackingLinks("https://t.heron.test", "secret");
  private final LinkTracker tracker = new LinkTracker(links);
  private final UUID messageId = UUID.randomUUID();

  @Test
  void rewritesWebLinksInOrderAndAddsThePixelBeforeTheBodyEnds() {
    String html =
        "<html><body><a href=\"https://shop.test/a?x=1&amp;y=2\">A</a>"
            + "<A class='b' HREF='http://shop.test/b'>B</A>"
            + "<a href=\"mailto:help@shop.test\">mail</a><a href=\"#top\">top</a>"
            + "<a href=\"https://shop.test/a?x=1&amp;y=2\">A again</a></body></html>";

    LinkTracker.TrackedHtml tracked = tracker.track(messageId, html);

    assertThat(tracked.links())
        .containsExactly(
            "https://shop.test/a?x=1&y=2", "http://shop.test/b", "https://shop.test/a?x=1&y=2");
    assertThat(tracked.html())
        .contains("<a href=\"" + links.clickUrl(messageId, 0) + "\">A</a>")
        .contains("<A class='b' HREF=\"" + links.clickUrl(messageId, 1) + "\">B</A>")
        .contains("<a href=\"" + links.clickUrl(messageId, 2) + "\">A again</a>")
        .contains("href=\"mailto:help@shop.test\"")
        .contains("href=\"#top\"")
        .doesNotContain("shop.test/a")
        .endsWith(
            "<img src=\""
                + links.openUrl(messageId)
                + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:none\"></body></html>");
    assertThat(
            links.verify(tracked.html().split("/t/c/")[1].split("\"")[0], TrackingLinks.Kind.CLICK))
        .hasValue(new TrackingLinks.Token(TrackingLinks.Kind.CLICK, messageId, 0));
  }

  @Test
  void leavesHeronsOwnUnsubscribeLinkAlone() {
    String unsubscribe = links.unsubscribeUrl(messageId);
    String html = "<p><a href=\"" + unsubscribe + "\">Unsubscribe</a></p>";

    LinkTracker.TrackedHtml tracked = tracker.track(messageId, html);

    assertThat(tracked.links()).isEmpty();
    assertThat(tracked.html()).startsWith(html).contains(links.openUrl(messageId));
  }

  @Test
  void recordsTheUrlMustacheEscaped() {
    assertThat(LinkTracker.unescape("https://s.test/?a&#61;1&amp;b&#x3D;2&quot;"))
        .isEqualTo("https://s.test/?a=1&b=2\"");
  }

  @Test
  void thePixelGoesBeforeTheLastBodyEndTagInAnyCaseOrAtTheEndWithoutOne() {
    assertThat(LinkTracker.lastBodyEnd("<p>a</p></BODY >\n</html>")).isEqualTo(8);
    assertThat(LinkTracker.lastBodyEnd("<p>&lt;/body&gt;</p></body></html>")).isEqualTo(20);
    assertThat(LinkTracker.lastBodyEnd("</body><p>quoted</p></Body\t></html>")).isEqualTo(20);
    assertThat(LinkTracker.lastBodyEnd("<body><p>no end</p><bodyx>")).isEqualTo(-1);
    assertThat(LinkTracker.lastBodyEnd("</body")).isEqualTo(-1);
    assertThat(tracker.track(messageId, "<p>fragment</p>").html())
        .startsWith("<p>fragment</p><img src=\"" + links.openUrl(messageId) + "\"");
  }
}
