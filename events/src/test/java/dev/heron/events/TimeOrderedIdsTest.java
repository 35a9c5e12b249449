package dev.heron.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
  private static final UUID MESSAGE = UUID.fromString("019ab5f2-3c4d-7e8f-9a0b-1c2d3e4f5a6b");

  @Test
  void newIdsAreVersion7AndSortByTheMillisecondTheyWereMade() throws InterruptedException {
    UUID first = TimeOrderedIds.next();
    Thread.sleep(2);
    UUID later = TimeOrderedIds.next();

    assertThat(first.version()).isEqualTo(7);
    assertThat(first.variant()).isEqualTo(2);
    assertThat(Long.compareUnsigned(first.getMostSignificantBits(), later.getMostSignificantBits()))
        .isNegative();
    assertThat(first.getMostSignificantBits() >>> 16)
        .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
  }

  @Test
  void anIdAboutAMessageIsTheSameEveryTimeAndDiffersByName() {
    UUID sent = TimeOrderedIds.about(MESSAGE, "SENT");

    assertThat(TimeOrderedIds.about(MESSAGE, "SENT")).isEqualTo(sent);
    assertThat(TimeOrderedIds.about(MESSAGE, "OUTCOME")).isNotEqualTo(sent);
    assertThat(
            TimeOrderedIds.about(UUID.fromString("019ab5f2-3c4d-7e8f-9a0b-1c2d3e4f5a6c"), "SENT"))
        .isNotEqualTo(sent);
  }

  @Test
  void anIdAboutAMessageKeepsItsMillisecondAsAVersion8Id() {
    UUID sent = TimeOrderedIds.about(MESSAGE, "SENT");

    assertThat(sent.getMostSignificantBits() >>> 16)
        .isEqualTo(MESSAGE.getMostSignificantBits() >>> 16);
    assertThat(sent.version()).isEqualTo(8);
    assertThat(sent.variant()).isEqualTo(2);
  }

  @Test
  void aNewEventGetsATimeOrderedIdUnlessGivenOneAndACopyKeepsIt() {
    Event built = Event.builder(EventType.SENT).tenantId(MESSAGE).build();
    Event given = Event.builder(EventType.SENT).eventId(MESSAGE).build();

    assertThat(built.eventId().version()).isEqualTo(7);
    assertThat(given.eventId()).isEqualTo(MESSAGE);
    assertThat(built.toBuilder().build().eventId()).isEqualTo(built.eventId());
  }
}
