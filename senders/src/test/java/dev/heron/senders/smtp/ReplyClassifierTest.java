package dev.heron.senders.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.BounceClass;
import dev.heron.events.EventType;
import dev.heron.senders.delivery.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyClassifierTest {
  private final ReplyClassifier classifier = new ReplyClassifier();

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          250 2.0.0 OK 1700000000 a1si123 - gsmtp                                        | DELIVERED | -
          250 Ok: queued as 4F2D81C0A                                                    | DELIVERED | -
          251 2.1.5 User not local; will forward                                         | DELIVERED | -
          421 4.7.28 Gmail has detected an unusual rate of unsolicited mail               | DEFERRED  | -
          421 4.7.0 [TSS04] Messages from 127.0.0.2 temporarily deferred                  | DEFERRED  | -
          450 4.2.1 The user you are trying to contact is receiving mail too quickly      | DEFERRED  | -
          451 4.3.0 Temporary local problem - please try later                            | DEFERRED  | -
          452 4.2.2 The email account that you tried to reach is over quota              | DEFERRED  | -
          550 5.1.1 The email account that you tried to reach does not exist             | BOUNCED   | hard
          550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP lookup   | BOUNCED   | hard
          550 5.2.1 The email account that you tried to reach is disabled                | BOUNCED   | hard
          553 5.1.3 The recipient address is not a valid RFC-5321 address                 | BOUNCED   | hard
          550 5.1.2 Host unknown                                                          | BOUNCED   | hard
          550 5.1.6 Recipient mailbox has moved                                           | BOUNCED   | hard
          554 5.4.4 Unable to route                                                       | BOUNCED   | hard
          550 5.1.8 Sender address rejected: Domain not found                             | BOUNCED   | block
          550 5.7.1 Service unavailable; client [127.0.0.2] blocked using Spamhaus         | BOUNCED   | block
          554 5.7.1 Message rejected due to content restrictions                          | BOUNCED   | block
          550 5.7.26 Unauthenticated email from heron.test is not accepted due to DMARC   | BOUNCED   | block
          554 5.7.9 Message not accepted for policy reasons                               | BOUNCED   | block
          552 5.2.2 The email account that you tried to reach is over quota              | BOUNCED   | soft
          552 5.3.4 Message size exceeds fixed maximum message size                       | BOUNCED   | soft
          550 5.5.0 Requested action not taken: mailbox unavailable                       | BOUNCED   | hard
          550 5.0.0 <bob@outlook.test>... User unknown                                    | BOUNCED   | hard
          550 Requested action not taken: mailbox unavailable                             | BOUNCED   | hard
          550 No such user here                                                           | BOUNCED   | hard
          554 delivery error: dd This user doesn't have a yahoo.com account               | BOUNCED   | hard
          552 Mailbox full                                                                | BOUNCED   | soft
          554 Your IP is listed on a DNSBL                                                | BOUNCED   | block
          550 Message rejected as spam                                                    | BOUNCED   | block
          554 Transaction failed                                                          | BOUNCED   | soft
          550 5.1.0 Address rejected                                                      | BOUNCED   | soft
          354 Start mail input                                                            | FAILED    | -
          no reply at all                                                                 | FAILED    | -
          """)
  void classifiesReplies(String reply, EventType type, String bounceClass) {
    Verdict verdict = classifier.classify(SmtpReply.parse(reply));

    assertThat(verdict.type()).isEqualTo(type);
    assertThat(verdict.bounceClass())
        .isEqualTo(bounceClass == null ? null : BounceClass.fromWire(bounceClass));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          550-5.1.1 The email account that you tried to reach does not exist. Please try\\n550-5.1.1 double-checking the recipient's email address for typos or\\n550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser
          """)
  void readsTheFirstLineOfAMultiLineReply(String reply) {
    SmtpReply parsed = SmtpReply.parse(reply.replace("\\n", "\n"));

    assertThat(parsed.code()).isEqualTo(550);
    assertThat(parsed.enhancedStatus()).isEqualTo("5.1.1");
    assertThat(classifier.classify(parsed)).isEqualTo(Verdict.HARD);
  }
}
