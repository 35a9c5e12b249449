package dev.heron.jobs.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.BounceClass;
import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyRowsTest {
  private final UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
  private final UUID tenant = UUID.fromString("00000000-0000-0000-0000-000000000002");
  private final UUID message = UUID.fromString("00000000-0000-0000-0000-000000000003");

  @Test
  void oneLineOfTwentyThreeColumnsWithAbsentFieldsAsNull() {
    Event e =
        Event.builder(EventType.BOUNCED)
            .eventId(id)
            .occurredAt(Instant.parse("2026-03-04T10:15:30.123Z"))
            .tenantId(tenant)
            .messageId(message)
            .channel(Channel.EMAIL)
            .bounceClass(BounceClass.HARD)
            .smtpReply(550, null, null)
            .machineOpen(false)
            .value(new BigDecimal("7.25"))
            .build();
    StringBuilder out = new StringBuilder();

    CopyRows.append(out, e);

    String line = out.toString();
    assertThat(line).endsWith("\n");
    String[] columns = line.substring(0, line.length() - 1).split("\t", -1);
    assertThat(columns).hasSize(23);
    assertThat(columns[0]).isEqualTo("2026-03-04T10:15:30.123Z");
    assertThat(columns[1]).isEqualTo(id.toString());
    assertThat(columns[2]).isEqualTo("BOUNCED");
    assertThat(columns[3]).isEqualTo("1");
    assertThat(columns[4]).isEqualTo("\\N");
    assertThat(columns[6]).isEqualTo("\\N");
    assertThat(columns[10]).isEqualTo("email");
    assertThat(columns[15]).isEqualTo("hard");
    assertThat(columns[16]).isEqualTo("550");
    assertThat(columns[20]).isEqualTo("f");
    assertThat(columns[22]).isEqualTo("7.25");
  }

  @Test
  void tabsNewlinesAndBackslashesInTextAreEscaped() {
    StringBuilder out = new StringBuilder();

    CopyRows.text(out, "550\t5.1.1\r\nno such user \\ here");

    assertThat(out.toString()).isEqualTo("550\\t5.1.1\\r\\nno such user \\\\ here");
  }
}
