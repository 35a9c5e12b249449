package dev.heron.senders.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoundRobinIpSelectorTest {
  private final AtomicReference<List<SendingIp>> table = new AtomicReference<>(List.of());
  private final MutableClock clock = new MutableClock();
  private final RoundRobinIpSelector selector =
      new RoundRobinIpSelector(
          table::get, RoundRobinIpSelector.parseList(" 127.0.0.2, 127.0.0.3 ,"), clock);

  private List<String> picks(int n) {
    return IntStream.range(0, n).mapToObj(i -> selector.select(null, "gmail", null).ip()).toList();
  }

  @Test
  void takesTheFallbackListInTurnWhenTheTableIsEmpty() {
    assertThat(picks(4)).containsExactly("127.0.0.2", "127.0.0.3", "127.0.0.2", "127.0.0.3");
  }

  @Test
  void usesTheTablesLocalAddressesOnceRefreshed() {
    picks(1);
    table.set(
        List.of(new SendingIp("127.0.0.9", "mta9.heron.test"), new SendingIp("192.0.2.10", null)));

    assertThat(picks(1)).containsExactly("127.0.0.3"); // not refreshed yet
    clock.advance(RoundRobinIpSelector.REFRESH.plusSeconds(1));

    assertThat(selector.select(null, "gmail", null))
        .isEqualTo(new SendingIp("127.0.0.9", "mta9.heron.test"));
  }

  @Test
  void keepsTheAddressOfAPreviousTryWhileItIsStillInService() {
    assertThat(selector.select(null, "gmail", "127.0.0.3").ip()).isEqualTo("127.0.0.3");
    assertThat(selector.select(null, "gmail", "127.0.0.3").ip()).isEqualTo("127.0.0.3");
    assertThat(selector.select(null, "gmail", "127.0.0.99").ip()).isIn("127.0.0.2", "127.0.0.3");
  }

  @Test
  void refusesAnEmptyFallback() {
    assertThatThrownBy(() -> new RoundRobinIpSelector(List::of, new ArrayList<>(), clock))
        .hasMessageContaining("HERON_SENDING_IPS");
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(java.time.Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
