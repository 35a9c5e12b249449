package dev.heron.simulator.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.heron.simulator.RunningSimulator;
import dev.heron.simulator.Simulator;
import dev.heron.simulator.SimulatorConfig;
import dev.heron.simulator.SmtpClient;
import dev.heron.simulator.TestPorts;
import dev.heron.simulator.TestTimes;
import dev.heron.simulator.Timings;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated providers over real SMTP, with Angus Mail as the client. */
class SmtpReceiverTest {
  private static final Duration GREYLIST = Duration.ofMillis(1500);
  private static final Duration SLOW = Duration.ofMillis(500);

  @TempDir static Path home;
  private static RunningSimulator simulator;

  @BeforeAll
  static void start() {
    SimulatorConfig config =
        SimulatorConfig.forTests(home, 7L)
            .withPorts(TestPorts.free(), TestPorts.free())
            .withBouncePort(TestPorts.free())
            .withTimings(
                new Timings(
                    SLOW,
                    GREYLIST,
                    Duration.ofSeconds(30),
                    Duration.ofMillis(50),
                    Duration.ofMillis(50)));
    simulator = Simulator.start(config);
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  private static SmtpClient from(String sourceIp) {
    return new SmtpClient(
        simulator.smtpPort(), sourceIp, "bounces+" + UUID.randomUUID() + "@news.heron.test");
  }

  private static String id() {
    return UUID.randomUUID() + "@news.heron.test";
  }

  /** The failure Angus Mail reports for the one recipient that was refused at RCPT TO. */
  private static SMTPAddressFailedException refusal(MessagingException failure) {
    assertThat(failure).isInstanceOf(SendFailedException.class);
    Exception next = failure.getNextException();
    assertThat(next).isInstanceOf(SMTPAddressFailedException.class);
    return (SMTPAddressFailedException) next;
  }

  private static MessagingException sendExpectingFailure(SmtpClient client, String recipient) {
    return catchThrowableOfType(MessagingException.class, () -> client.send(id(), recipient));
  }

  @Test
  void anAcceptedMessageIsStoredAsEmlUnderItsRecipient() throws Exception {
    String messageId = id();
    from("127.0.0.2").send(messageId, "Alice.Accepted@gmail.test");

    Path file =
        simulator.mailDirectory().resolve("alice.accepted@gmail.test").resolve(messageId + ".eml");
    assertThat(file).exists();
    String stored = Files.readString(file);
    assertThat(stored).contains("Subject: Spring sale").contains("Message-ID: <" + messageId + ">");
    assertThat(stored).startsWith("Received: from ");

    DeliveryOutcome outcome = simulator.deliveriesTo("alice.accepted@gmail.test").get(0);
    assertThat(outcome.accepted()).isTrue();
    assertThat(outcome.reply()).startsWith("250 2.0.0 OK ").endsWith(" - gsmtp");
    assertThat(outcome.sourceIp()).isEqualTo("127.0.0.2");
    assertThat(outcome.messageId()).isEqualTo(messageId);
    assertThat(outcome.provider()).isEqualTo("gmail");
    assertThat(outcome.file()).isEqualTo(file.toString());
  }

  @Test
  void unknownMailboxesAreRefusedAtRcptWithGmailsExactWords() throws Exception {
    SMTPAddressFailedException refused =
        refusal(sendExpectingFailure(from("127.0.0.2"), "bounce-1@gmail.test"));

    assertThat(refused.getReturnCode()).isEqualTo(550);
    assertThat(refused.getAddress().toString()).isEqualTo("bounce-1@gmail.test");
    assertThat(refused.getMessage())
        .startsWith("550 5.1.1 The email account that you tried to reach does not exist.")
        .contains("NoSuchUser");
    assertThat(simulator.mailDirectory().resolve("bounce-1@gmail.test")).doesNotExist();
    DeliveryOutcome outcome = simulator.deliveriesTo("bounce-1@gmail.test").get(0);
    assertThat(outcome.accepted()).isFalse();
    assertThat(outcome.reply()).isEqualTo(refused.getMessage().trim());
    assertThat(outcome.behaviour()).isEqualTo(MailboxBehaviour.REJECT);
  }

  @Test
  void eachProviderWordsItsUserUnknownReplyItsOwnWay() {
    for (String recipient :
        List.of(
            "nouser-a@outlook.test",
            "nouser-a@yahoo.test",
            "nouser-a@icloud.test",
            "nouser-a@example.test")) {
      SMTPAddressFailedException refused =
          refusal(sendExpectingFailure(from("127.0.0.3"), recipient));
      assertThat(refused.getReturnCode()).isEqualTo(550);
      assertThat(refused.getMessage()).startsWith("550 5.1.1 ");
    }
  }

  @Test
  void rejectionIsPerRecipientWithinOneTransaction() throws Exception {
    String messageId = id();
    MessagingException failure =
        catchThrowableOfType(
            MessagingException.class,
            () ->
                from("127.0.0.2")
                    .send(messageId, "bob.mixed@outlook.test", "nouser-bob@outlook.test"));

    SendFailedException partial = (SendFailedException) failure;
    assertThat(Arrays.stream(partial.getValidSentAddresses()).map(Object::toString))
        .containsExactly("bob.mixed@outlook.test");
    assertThat(Arrays.stream(partial.getInvalidAddresses()).map(Object::toString))
        .containsExactly("nouser-bob@outlook.test");
    assertThat(
            simulator.mailDirectory().resolve("bob.mixed@outlook.test").resolve(messageId + ".eml"))
        .exists();
    assertThat(simulator.deliveriesTo("nouser-bob@outlook.test").get(0).reply())
        .isEqualTo(
            "550 5.1.1 RESOLVER.ADR.RecipNotFound; not found [outlook-test.mail.protection.outlook.com]");
  }

  @Test
  void deferFullAndBlockMailboxesGetTheirCodes() {
    SMTPAddressFailedException deferred =
        refusal(sendExpectingFailure(from("127.0.0.2"), "defer-1@gmail.test"));
    assertThat(deferred.getReturnCode()).isEqualTo(421);
    assertThat(deferred.getMessage())
        .startsWith("421 4.7.28 [127.0.0.2] Our system has detected an unusual rate");

    SMTPAddressFailedException yahoo =
        refusal(sendExpectingFailure(from("127.0.0.2"), "defer-1@yahoo.test"));
    assertThat(yahoo.getMessage()).startsWith("421 4.7.28 [TSS04] Messages from 127.0.0.2");

    SMTPAddressFailedException full =
        refusal(sendExpectingFailure(from("127.0.0.2"), "full-1@gmail.test"));
    assertThat(full.getReturnCode()).isEqualTo(452);
    assertThat(full.getMessage()).startsWith("452 4.2.2 The recipient's inbox is out of storage");

    SMTPAddressFailedException blocked =
        refusal(sendExpectingFailure(from("127.0.0.2"), "block-1@gmail.test"));
    assertThat(blocked.getReturnCode()).isEqualTo(554);
    assertThat(blocked.getMessage()).startsWith("554 5.7.1 ");
    assertThat(simulator.mailDirectory().resolve("defer-1@gmail.test")).doesNotExist();
    assertThat(simulator.mailDirectory().resolve("block-1@gmail.test")).doesNotExist();
  }

  @Test
  void greylistingDefersTheFirstAttemptsAndAcceptsARetryAfterTheDelay() throws Exception {
    SmtpClient client = from("127.0.0.3"); // one envelope sender: the retry is the same triplet
    String messageId = id();
    Instant first = Instant.now();
    SMTPAddressFailedException greylisted =
        refusal(
            catchThrowableOfType(
                MessagingException.class, () -> client.send(messageId, "grey-1@yahoo.test")));
    assertThat(greylisted.getReturnCode()).isEqualTo(451);
    assertThat(greylisted.getMessage()).startsWith("451 4.7.1 ");

    // A retry too early is still deferred (the delay is long enough for a loaded machine to retry
    // within it; the exact boundary is VerdictsTest's); one after the delay gets through.
    SMTPAddressFailedException early =
        refusal(
            catchThrowableOfType(
                MessagingException.class, () -> client.send(messageId, "grey-1@yahoo.test")));
    assertThat(early.getReturnCode()).isEqualTo(451);

    Instant deadline = Instant.now().plus(TestTimes.PATIENCE);
    boolean delivered = false;
    while (!delivered && Instant.now().isBefore(deadline)) {
      try {
        client.send(messageId, "grey-1@yahoo.test");
        delivered = true;
      } catch (SendFailedException stillGreylisted) {
        Thread.sleep(100);
      }
    }
    assertThat(delivered).isTrue();
    assertThat(Duration.between(first, Instant.now())).isGreaterThanOrEqualTo(GREYLIST);
    assertThat(simulator.mailDirectory().resolve("grey-1@yahoo.test").resolve(messageId + ".eml"))
        .exists();

    // Another sender to the same mailbox is a new triplet: greylisted again.
    assertThat(
            refusal(sendExpectingFailure(from("127.0.0.3"), "grey-1@yahoo.test")).getReturnCode())
        .isEqualTo(451);
  }

  @Test
  void aSourceIpWithABadNameAtOutlookIsBlockedThereOnly() throws Exception {
    SMTPAddressFailedException blocked =
        refusal(sendExpectingFailure(from("127.0.0.5"), "carol.rep@outlook.test"));
    assertThat(blocked.getReturnCode()).isEqualTo(550);
    assertThat(blocked.getMessage())
        .startsWith(
            "550 5.7.1 Service unavailable, Client host [127.0.0.5] blocked using Spamhaus");
    assertThat(simulator.deliveriesTo("carol.rep@outlook.test").get(0).sourceIp())
        .isEqualTo("127.0.0.5");

    from("127.0.0.5").send(id(), "carol.rep@gmail.test");
    from("127.0.0.2").send(id(), "carol.rep@outlook.test");
    // The slice's default sending IPs (127.0.0.2-4) all have a clean name everywhere.
    from("127.0.0.4").send(id(), "carol.rep@outlook.test");
    assertThat(simulator.mailDirectory().resolve("carol.rep@gmail.test")).isDirectory();
    assertThat(simulator.mailDirectory().resolve("carol.rep@outlook.test")).isDirectory();
  }

  @Test
  void starttlsIsOfferedAndAMessageCanTravelEncrypted() throws Exception {
    SmtpClient client = from("127.0.0.2");
    jakarta.mail.Session session = client.session();
    session.getProperties().setProperty("mail.smtp.starttls.enable", "true");
    session.getProperties().setProperty("mail.smtp.starttls.required", "true");
    session.getProperties().setProperty("mail.smtp.ssl.trust", "*");
    String messageId = id();
    jakarta.mail.internet.MimeMessage message =
        client.message(messageId, "<p>secret</p>", "tls.user@gmail.test");
    try (org.eclipse.angus.mail.smtp.SMTPTransport transport =
        (org.eclipse.angus.mail.smtp.SMTPTransport) session.getTransport("smtp")) {
      transport.connect(); // starttls.required: this fails unless the upgrade happened
      transport.sendMessage(message, message.getAllRecipients());
    }
    assertThat(simulator.mailDirectory().resolve("tls.user@gmail.test").resolve(messageId + ".eml"))
        .exists();
  }

  @Test
  void slowMailboxesAnswerSlowlyButAccept() throws Exception {
    Instant before = Instant.now();
    from("127.0.0.2").send(id(), "slow-1@icloud.test");
    assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(SLOW);
    assertThat(simulator.mailDirectory().resolve("slow-1@icloud.test")).isDirectory();
  }

  @Test
  void domainsTheWorldDoesNotHostAreRelayDenied() {
    SMTPAddressFailedException denied =
        refusal(sendExpectingFailure(from("127.0.0.2"), "someone@nowhere.invalid"));
    assertThat(denied.getReturnCode()).isEqualTo(554);
    assertThat(denied.getMessage())
        .isEqualTo("554 5.7.1 <someone@nowhere.invalid>: Relay access denied\n");
  }

  @Test
  void theSameMessageTwiceLeavesTwoFilesSoDuplicatesShow() throws Exception {
    String messageId = id();
    from("127.0.0.2").send(messageId, "dave.twice@example.test");
    from("127.0.0.2").send(messageId, "dave.twice@example.test");
    try (Stream<Path> files =
        Files.list(simulator.mailDirectory().resolve("dave.twice@example.test"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(messageId + ".eml", messageId + ".2.eml");
    }
  }

  @Test
  void theJournalFileListsEveryOutcomeForOtherProcesses() throws IOException, MessagingException {
    from("127.0.0.2").send(id(), "erin.journal@gmail.test");
    assertThat(Files.readAllLines(home.resolve("sim").resolve("deliveries.jsonl")))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("\"recipient\":\"erin.journal@gmail.test\"")
                    .contains("\"accepted\":true"));
  }
}
