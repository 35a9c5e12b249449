package dev.heron.senders.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class RelaxedCanonicalizationTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] relaxedBodyHash(String message) throws Exception {
    byte[] wire = bytes(message);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    RelaxedCanonicalization.digestBody(wire, RelaxedCanonicalization.bodyStart(wire), digest);
    return digest.digest();
  }

  private static byte[] sha256(String s) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes(s));
  }

  @Test
  void bareLineEndsBecomeCrlfAndACrlfMessageIsLeftAsItIs() {
    assertThat(RelaxedCanonicalization.withCrlf(bytes("a\nb\r\nc\rd")))
        .isEqualTo(bytes("a\r\nb\r\nc\r\nd"));
    byte[] crlf = bytes("a\r\nb\r\n");
    assertThat(RelaxedCanonicalization.withCrlf(crlf)).isSameAs(crlf);
  }

  @Test
  void theBodyLosesTrailingWhitespaceItsRunsOfSpaceAndItsEmptyLinesAtTheEnd() throws Exception {
    // RFC 6376 §3.4.4 and the example of §3.4.5.
    assertThat(relaxedBodyHash("A: X\r\n\r\n C \r\nD \t E\r\n\r\n\r\n"))
        .isEqualTo(sha256(" C\r\nD E\r\n"));
    assertThat(relaxedBodyHash("A: X\r\n\r\nno final line end"))
        .isEqualTo(sha256("no final line end\r\n"));
    assertThat(relaxedBodyHash("A: X\r\n\r\nkept\r\n\r\n\r\ninside\r\n"))
        .isEqualTo(sha256("kept\r\n\r\n\r\ninside\r\n"));
  }

  @Test
  void anEmptyBodyHashesAsNothing() throws Exception {
    assertThat(relaxedBodyHash("A: X\r\n\r\n")).isEqualTo(sha256(""));
    assertThat(relaxedBodyHash("A: X\r\n\r\n\r\n\r\n")).isEqualTo(sha256(""));
    assertThat(relaxedBodyHash("A: X\r\n")).isEqualTo(sha256(""));
  }

  @Test
  void aHeaderIsUnfoldedWithItsNameInLowerCaseAndItsWhitespaceReduced() {
    // RFC 6376 §3.4.5: "A: X" and "B : Y\t\r\n\tZ  " become "a:X" and "b:Y Z".
    byte[] field = bytes("B : Y\t\r\n\tZ  ");
    assertThat(RelaxedCanonicalization.header(field, 0, field.length))
        .asString(StandardCharsets.ISO_8859_1)
        .isEqualTo("b:Y Z");
  }
}
