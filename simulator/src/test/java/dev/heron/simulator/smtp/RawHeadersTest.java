package dev.heron.simulator.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawHeadersTest {
  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void findsAFieldCaseInsensitivelyAndUnfoldsIt() {
    byte[] raw =
        bytes(
            "Received: from a\r\n by b\r\nmessage-id:\r\n <m1@news.heron.test>\r\nSubject: x\r\n\r\n"
                + "Message-ID: <not-a-header@body>\r\n");
    assertThat(Transaction.messageIdOf(raw)).isEqualTo("m1@news.heron.test");
    assertThat(RawHeaders.value(raw, "Received")).contains("from a by b");
  }

  @Test
  void stopsAtTheEmptyLineWithBareLineFeedsToo() {
    byte[] raw = bytes("Subject: x\n\nMessage-ID: <in-body@x>\n");
    assertThat(Transaction.messageIdOf(raw)).isNull();
    assertThat(RawHeaders.headerBlockLength(raw)).isEqualTo("Subject: x\n".length());
    assertThat(RawHeaders.headerBlockLength(bytes("A: 1\r\n\r\nbody")))
        .isEqualTo("A: 1\r\n".length());
  }
}
