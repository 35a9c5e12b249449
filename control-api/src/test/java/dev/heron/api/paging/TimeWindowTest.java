package dev.heron.api.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.api.error.ApiException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeWindowTest {
  private static final Instant NOW = Instant.parse("2026-03-10T12:30:00Z");

  @Test
  void withoutParametersItEndsNowAndHasTheDefaultLength() {
    assertThat(TimeWindow.parse(null, " ", Duration.ofDays(7), NOW))
        .isEqualTo(new TimeWindow(Instant.parse("2026-03-03T12:30:00Z"), NOW));
  }

  @Test
  void takesInstantsWithAnyOffsetAndDatesAsUtcMidnight() {
    assertThat(TimeWindow.parse("2026-03-01", "2026-03-02T01:00:00+02:00", Duration.ZERO, NOW))
        .isEqualTo(
            new TimeWindow(
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-01T23:00:00Z")));
    assertThat(TimeWindow.parse(null, "2026-03-02", Duration.ofDays(1), NOW).start())
        .isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
  }

  @Test
  void anUnreadableTimeOrAStartNotBeforeTheEndNamesTheParameter() {
    assertThatThrownBy(() -> TimeWindow.parse(null, "yesterday", Duration.ofDays(1), NOW))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("to: 'yesterday' is not an ISO-8601 time");
    assertThatThrownBy(() -> TimeWindow.parse("2026-03-02", "2026-03-02", Duration.ZERO, NOW))
        .isInstanceOf(ApiException.class)
        .hasMessageStartingWith("from: must be before to");
  }
}
