package dev.heron.senders.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmtpReplyTest {
  @Test
  void keepsTheExactTextAndReadsTheCodes() {
    SmtpReply reply = SmtpReply.parse("550 5.1.1 <bob@gmail.test>: Recipient address rejected\r\n");

    assertThat(reply.code()).isEqualTo(550);
    assertThat(reply.enhancedStatus()).isEqualTo("5.1.1");
    assertThat(reply.text()).isEqualTo("550 5.1.1 <bob@gmail.test>: Recipient address rejected");
    assertThat(reply.codeClass()).isEqualTo(5);
  }

  @Test
  void aReplyWithoutAnEnhancedCodeHasNone() {
    SmtpReply reply = SmtpReply.parse("250 Ok");

    assertThat(reply.code()).isEqualTo(250);
    assertThat(reply.enhancedStatus()).isNull();
  }

  @Test
  void doesNotTakeAVersionNumberForAnEnhancedCode() {
    assertThat(SmtpReply.parse("554 5.7.1.2 nonsense").enhancedStatus()).isNull();
    assertThat(SmtpReply.parse("550 5.1.10 RESOLVER.ADR").enhancedStatus()).isEqualTo("5.1.10");
  }

  @Test
  void addsTheCodeWhenTheTextLacksIt() {
    SmtpReply reply = SmtpReply.of(421, "4.7.0 Try again later");

    assertThat(reply.code()).isEqualTo(421);
    assertThat(reply.enhancedStatus()).isEqualTo("4.7.0");
    assertThat(reply.text()).isEqualTo("421 4.7.0 Try again later");
  }

  @Test
  void textWithoutACodeHasCodeZero() {
    assertThat(SmtpReply.parse("connection reset").code()).isZero();
    assertThat(SmtpReply.parse(null).code()).isZero();
  }
}
