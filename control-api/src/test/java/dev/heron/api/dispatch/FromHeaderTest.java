package dev.heron.api.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FromHeaderTest {
  @Test
  void aDisplayNameIsQuotedOrEncoded() {
    assertThat(FromHeader.format(null, "a@x.test")).isEqualTo("a@x.test");
    assertThat(FromHeader.format(" ", "a@x.test")).isEqualTo("a@x.test");
    assertThat(FromHeader.format("Heron Demo", "a@x.test")).isEqualTo("\"Heron Demo\" <a@x.test>");
    assertThat(FromHeader.format("Say \"hi\"", "a@x.test"))
        .isEqualTo("\"Say \\\"hi\\\"\" <a@x.test>");
    assertThat(FromHeader.format("Zoë", "a@x.test")).isEqualTo("=?UTF-8?B?Wm/Dqw==?= <a@x.test>");
  }
}
