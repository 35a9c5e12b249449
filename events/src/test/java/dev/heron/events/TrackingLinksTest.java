package dev.heron.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.TrackingLinks.Kind;
import dev.heron.events.TrackingLinks.Token;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TrackingLinksTest {
  private final TrackingLinks links = new TrackingLinks("https://t.example.test/", "secret-1");
  private final UUID message = UUID.randomUUID();

  @Test
  void eachLinkCarriesItsMessageAndLink() {
    String click = links.clickUrl(message, 3);
    String token = click.substring("https://t.example.test/t/c/".length());

    assertThat(click).startsWith("https://t.example.test" + TrackingLinks.CLICK_PATH);
    assertThat(links.verify(token, Kind.CLICK)).contains(new Token(Kind.CLICK, message, 3));
  }

  @Test
  void thePixelTokenIsReadWithItsGifSuffix() {
    String open = links.openUrl(message);
    String token = open.substring(open.lastIndexOf('/') + 1);

    assertThat(open).endsWith(".gif");
    assertThat(links.verify(token, Kind.OPEN)).contains(new Token(Kind.OPEN, message, -1));
  }

  @Test
  void aTokenOfAnotherKindOrSecretOrAlteredIsRefused() {
    String token = links.token(Kind.CLICK, message, 0);
    char last = token.charAt(5);
    String altered = token.substring(0, 5) + (last == 'A' ? 'B' : 'A') + token.substring(6);

    assertThat(links.verify(token, Kind.UNSUBSCRIBE)).isEmpty();
    assertThat(new TrackingLinks("https://t.example.test", "other").verify(token, Kind.CLICK))
        .isEmpty();
    assertThat(links.verify(altered, Kind.CLICK)).isEmpty();
    assertThat(links.verify("not-a-token", Kind.CLICK)).isEqualTo(Optional.empty());
    assertThat(links.verify(null, Kind.CLICK)).isEmpty();
  }
}
