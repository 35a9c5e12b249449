package dev.heron.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-03-04T10:15:30Z",
        "2026-03-04T10:15:30.1Z",
        "2026-03-04T10:15:30.123Z",
        "2026-03-04T10:15:30.123456Z",
        "2026-03-04T10:15:30.123456789Z",
        "2024-02-29T23:59:59.999Z",
        "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.5Z",
        "2026-03-04T12:15:30.25+02:00",
      })
  void readsAsInstantParseDoes(String text) {
    assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-29T10:15:30Z",
        "2026-13-04T10:15:30Z",
        "2026-03-04T24:15:30Z",
        "2026-03-04"
      })
  void refusesWhatInstantParseRefuses(String text) {
    assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeException.class);
    assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeException.class);
  }
}
