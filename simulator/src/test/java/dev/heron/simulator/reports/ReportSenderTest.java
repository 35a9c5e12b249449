package dev.heron.simulator.reports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.simulator.RunningSimulator;
import dev.heron.simulator.Simulator;
import dev.heron.simulator.SimulatorConfig;
import dev.heron.simulator.SmtpClient;
import dev.heron.simulator.TestPorts;
import dev.heron.simulator.TestTimes;
import dev.heron.simulator.Timings;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Late bounces and complaints arrive over SMTP at the bounce listener, in their RFC formats. */
class ReportSenderTest {
  private static final String RETURN_PATH = "bounces+m42@news.heron.test";

  @TempDir static Path home;
  private static BounceListenerStandIn listener;
  private static RunningSimulator simulator;

  @BeforeAll
  static void start() {
    int bouncePort = TestPorts.free();
    listener = new BounceListenerStandIn(bouncePort);
    simulator =
        Simulator.start(
            SimulatorConfig.forTests(home, 3L)
                .withPorts(TestPorts.free(), TestPorts.free())
                .withBouncePort(bouncePort)
                .withTimings(
                    new Timings(
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ofMillis(100),
                        Duration.ofMillis(50),
                        Duration.ofMillis(50))));
  }

  @AfterAll
  static void stop() {
    simulator.close();
    listener.close();
  }

  private static BounceListenerStandIn.Received awaitReportAbout(String recipient)
      throws Exception {
    Instant deadline = Instant.now().plus(TestTimes.PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      for (BounceListenerStandIn.Received r : listener.received()) {
        if (new String(r.data(), StandardCharsets.UTF_8).contains(recipient)) {
          return r;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no report about " + recipient);
  }

  private static MimeMessage parse(byte[] data) throws Exception {
    return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data));
  }

  private static String text(BodyPart part) throws Exception {
    Object content = part.getContent();
    if (content instanceof String s) {
      return s;
    }
    try (InputStream in = part.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aDsnMailboxAcceptsThenSendsAFailureDsnToTheReturnPath() throws Exception {
    String messageId = "late-1@news.heron.test";
    new SmtpClient(simulator.smtpPort(), "127.0.0.2", RETURN_PATH)
        .send(messageId, "dsn-1@icloud.test");
    assertThat(simulator.mailDirectory().resolve("dsn-1@icloud.test").resolve(messageId + ".eml"))
        .exists();

    BounceListenerStandIn.Received received = awaitReportAbout("dsn-1@icloud.test");

    assertThat(received.envelopeFrom()).isEmpty(); // the null return path: MAIL FROM:<>
    assertThat(received.recipient()).isEqualTo(RETURN_PATH);
    MimeMessage dsn = parse(received.data());
    ContentType type = new ContentType(dsn.getContentType());
    assertThat(type.getBaseType()).isEqualTo("multipart/report");
    assertThat(type.getParameter("report-type")).isEqualTo("delivery-status");
    MimeMultipart parts = (MimeMultipart) dsn.getContent();
    assertThat(parts.getCount()).isEqualTo(3);
    assertThat(parts.getBodyPart(1).isMimeType("message/delivery-status")).isTrue();
    assertThat(text(parts.getBodyPart(1)))
        .contains("Reporting-MTA: dns; mx01.mail.icloud.com")
        .contains("Final-Recipient: rfc822; dsn-1@icloud.test")
        .contains("Action: failed")
        .contains("Status: 5.1.1")
        .contains("Diagnostic-Code: smtp; 550 5.1.1 <dsn-1@icloud.test>: inactive email address");
    assertThat(parts.getBodyPart(2).isMimeType("text/rfc822-headers")).isTrue();
    assertThat(text(parts.getBodyPart(2))).contains("Message-ID: <" + messageId + ">");

    assertThat(simulator.reports())
        .anySatisfy(
            r -> {
              assertThat(r.kind()).isEqualTo(ReportKind.DSN);
              assertThat(r.messageId()).isEqualTo(messageId);
              assertThat(r.delivered()).isTrue();
            });
  }

  @Test
  void aComplainingRecipientLeadsToAnArfAbuseReportWithTheOriginalMessage() throws Exception {
    String messageId = "spam-1@news.heron.test";
    new SmtpClient(simulator.smtpPort(), "127.0.0.3", RETURN_PATH)
        .send(messageId, "complain-1@yahoo.test");

    BounceListenerStandIn.Received received = awaitReportAbout("complain-1@yahoo.test");

    assertThat(received.envelopeFrom()).isEqualTo("feedback@yahoo.test");
    assertThat(received.recipient()).isEqualTo(RETURN_PATH);
    MimeMessage arf = parse(received.data());
    ContentType type = new ContentType(arf.getContentType());
    assertThat(type.getParameter("report-type")).isEqualTo("feedback-report");
    MimeMultipart parts = (MimeMultipart) arf.getContent();
    assertThat(parts.getBodyPart(1).isMimeType("message/feedback-report")).isTrue();
    assertThat(text(parts.getBodyPart(1)))
        .contains("Feedback-Type: abuse")
        .contains("Version: 1")
        .contains("Original-Mail-From: <" + RETURN_PATH + ">")
        .contains("Original-Rcpt-To: <complain-1@yahoo.test>")
        .contains("Source-IP: 127.0.0.3")
        .contains("Reported-Domain: news.heron.test");
    BodyPart original = parts.getBodyPart(2);
    assertThat(original.isMimeType("message/rfc822")).isTrue();
    MimeMessage attached = (MimeMessage) original.getContent();
    assertThat(attached.getMessageID()).isEqualTo("<" + messageId + ">");
    assertThat(attached.getSubject()).isEqualTo("Spring sale");
  }

  @Test
  void aReplyingRecipientWritesBackToTheFromAddressAnsweringTheMessage() throws Exception {
    String messageId = "answer-1@news.heron.test";
    new SmtpClient(simulator.smtpPort(), "127.0.0.2", RETURN_PATH)
        .send(messageId, "reply-1@gmail.test");

    BounceListenerStandIn.Received received = awaitReportAbout("reply-1@gmail.test");

    assertThat(received.envelopeFrom()).isEqualTo("reply-1@gmail.test");
    assertThat(received.recipient()).isEqualTo("hello@news.heron.test");
    MimeMessage reply = parse(received.data());
    assertThat(reply.getSubject()).isEqualTo("Re: Spring sale");
    assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo("<" + messageId + ">");
    assertThat(reply.getHeader("References", null)).isEqualTo("<" + messageId + ">");
    assertThat(reply.getHeader("Auto-Submitted")).isNull();
    assertThat(reply.getContentType()).startsWith("text/plain");
    assertThat(simulator.reports())
        .anySatisfy(
            r -> {
              assertThat(r.kind()).isEqualTo(ReportKind.REPLY);
              assertThat(r.messageId()).isEqualTo(messageId);
              assertThat(r.delivered()).isTrue();
            });
  }

  @Test
  void reportsThatCannotBeDeliveredAreRecordedAsSuch() {
    List<ReportOutcome> none = simulator.reports().stream().filter(r -> !r.delivered()).toList();
    assertThat(none).isEmpty();
  }
}
