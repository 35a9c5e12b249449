package dev.heron.api.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineOpensTest {
  private final MachineOpens opens = MachineOpens.fromResource();

  @Test
  void proxiesScannersAndLibrariesAreMachines() {
    assertThat(opens.isMachine(null)).isTrue();
    assertThat(opens.isMachine("")).isTrue();
    assertThat(
            opens.isMachine(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"))
        .isTrue();
    assertThat(
            opens.isMachine(
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) HeronSim-Prefetch/1.0"))
        .isTrue();
    assertThat(opens.isMachine("Mozilla/5.0 (compatible; YahooMailProxy; https://help.yahoo.com)"))
        .isTrue();
    assertThat(opens.isMachine("Barracuda Sentinel (EE)")).isTrue();
    assertThat(opens.isMachine("python-requests/2.31")).isTrue();
  }

  @Test
  void peopleReadingMailAreNot() {
    assertThat(
            opens.isMachine(
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"))
        .isFalse();
    assertThat(
            opens.isMachine(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"))
        .isFalse();
    assertThat(opens.isMachine("Mozilla/5.0 (Windows NT 10.0; Win64; x64) Microsoft Outlook 16.0"))
        .isFalse();
  }

  @Test
  void aBadPatternFailsNamingItsLine() {
    assertThatThrownBy(() -> MachineOpens.parse(List.of("# comment", "ok", "(unclosed")))
        .hasMessageContaining("line 3");
  }

  @Test
  void onlyAbsoluteHttpUrlsAreRedirectTargets() {
    assertThat(TrackingService.redirectable("https://shop.test/a?b=1")).isPresent();
    assertThat(TrackingService.redirectable("javascript:alert(1)")).isEmpty();
    assertThat(TrackingService.redirectable("//evil.test/")).isEmpty();
    assertThat(TrackingService.redirectable("not a url")).isEmpty();
  }
}
