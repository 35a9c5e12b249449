package dev.heron.senders.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reports as real MTAs write them (Postfix, Exim, Gmail, Exchange Online, Yahoo). */
class ReportParserTest {
  private final ReportParser parser = new ReportParser();
  private final UUID messageId = UUID.randomUUID();

  static byte[] report(String name, UUID messageId) {
    try (InputStream in = ReportParserTest.class.getResourceAsStream("/reports/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{{MID}}", messageId.toString())
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<LateReport> parse(String name, String... envelopeRecipients) throws Exception {
    return parser.parse(report(name, messageId), List.of(envelopeRecipients));
  }

  @Test
  void postfix() throws Exception {
    assertThat(parse("postfix-dsn.eml", "bounces+" + messageId + "@news.heron.test"))
        .containsExactly(
            new LateReport(
                LateReport.Kind.BOUNCE,
                messageId,
                "carol@example.test",
                "5.1.1",
                "550 5.1.1 <carol@example.test>: Recipient address rejected: User unknown in local"
                    + " recipient table",
                null,
                "mx.example.test",
                Instant.parse("2026-11-23T18:00:05Z")));
  }

  @Test
  void eximWithAGenericStatus() throws Exception {
    LateReport report = parse("exim-dsn.eml").get(0);

    assertThat(report.messageId()).isEqualTo(messageId);
    assertThat(report.status()).isEqualTo("5.0.0");
    assertThat(report.diagnostic()).isEqualTo("550 No such user here");
    assertThat(report.recipient()).isEqualTo("dan@example.test");
  }

  @Test
  void gmailWithAFoldedMultiLineDiagnostic() throws Exception {
    LateReport report = parse("gmail-dsn.eml").get(0);

    assertThat(report.status()).isEqualTo("5.1.1");
    assertThat(report.diagnostic())
        .startsWith("550-5.1.1 The email account that you tried to reach does not exist.")
        .endsWith("?p=NoSuchUser - gsmtp");
    assertThat(report.reportingMta()).isEqualTo("googlemail.com");
  }

  @Test
  void exchangeFoundByTheOriginalMessageIdAlone() throws Exception {
    LateReport report = parse("exchange-ndr.eml", "news@news.heron.test").get(0);

    assertThat(report.messageId()).isEqualTo(messageId);
    assertThat(report.status()).isEqualTo("5.1.10");
    assertThat(report.recipient()).isEqualTo("frank@outlook.test");
    assertThat(report.diagnostic()).startsWith("550 5.1.10 RESOLVER.ADR.RecipientNotFound");
  }

  @Test
  void aPlainTextBounceThatQuotesTheReply() throws Exception {
    LateReport report = parse("yahoo-plain.eml").get(0);

    assertThat(report.kind()).isEqualTo(LateReport.Kind.BOUNCE);
    assertThat(report.status()).isEqualTo("5.7.9");
    assertThat(report.diagnostic())
        .startsWith("554 5.7.9 Message not accepted for policy reasons.");
  }

  @Test
  void anArfComplaint() throws Exception {
    assertThat(parse("yahoo-arf.eml", "fbl@news.heron.test"))
        .containsExactly(
            new LateReport(
                LateReport.Kind.COMPLAINT,
                messageId,
                "hank@yahoo.test",
                null,
                null,
                "abuse",
                null,
                Instant.parse("2026-11-23T18:05:00Z")));
  }

  @Test
  void aDelayNoticeSaysNothingFinal() throws Exception {
    assertThat(parse("delayed-dsn.eml")).isEmpty();
  }

  @Test
  void aPersonsAnswerToAHeronMessageIsAReplyByItsAuthorAndDate() throws Exception {
    // Sent to the From address, not to a VERP one: only its In-Reply-To names the message.
    assertThat(parse("gmail-reply.eml", "news@news.heron.test"))
        .containsExactly(
            new LateReport(
                LateReport.Kind.REPLY,
                messageId,
                "jill@gmail.test",
                null,
                null,
                null,
                null,
                Instant.parse("2026-11-24T08:15:02Z")));
  }

  @Test
  void anAutomaticAnswerIsNoReply() {
    assertThatThrownBy(() -> parse("auto-reply.eml", "news@news.heron.test"))
        .isInstanceOf(UnreadableReportException.class)
        .hasMessageContaining("an automatic answer (Auto-Submitted: auto-replied)")
        .hasMessageContaining(messageId.toString());
  }

  @Test
  void aMessageThatIsNoReportIsUnreadableWithTheReason() {
    assertThatThrownBy(() -> parse("out-of-office.eml", "news@news.heron.test"))
        .isInstanceOf(UnreadableReportException.class)
        .hasMessageContaining("no VERP address or Heron Message-ID");
    assertThatThrownBy(
            () -> parser.parse("\u0000garbage".getBytes(StandardCharsets.UTF_8), List.of()))
        .isInstanceOf(UnreadableReportException.class);
  }
}
