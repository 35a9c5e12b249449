package dev.heron.simulator.reports;

import dev.heron.simulator.World;
import dev.heron.simulator.smtp.AcceptedMessage;
import dev.heron.simulator.smtp.Provider;
import dev.heron.simulator.smtp.Reply;
import dev.heron.simulator.smtp.ReplyKind;
import dev.heron.simulator.smtp.SmtpReceiver;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the late reports of {@code dsn*} and {@code complain*} mailboxes, and the replies of {@code
 * reply*} ones, some seconds after their message was accepted, over SMTP to Heron's bounce
 * listener, as a provider's MTA would to the return path (and a person to the From address). A
 * listener that is down is retried a few times; what finally happened is recorded.
 */
public final class ReportSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReportSender.class);
  private static final int ATTEMPTS = 4;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  private final World world;
  private final String bounceHost;
  private volatile int bouncePort;
  private final Clock clock;
  private final Consumer<ReportOutcome> record;
  private final Session session;
  private final DeliveryReports reports;
  private final ScheduledExecutorService timer;

  public ReportSender(
      World world, String bounceHost, int bouncePort, Clock clock, Consumer<ReportOutcome> record) {
    this.world = world;
    this.bounceHost = bounceHost;
    this.bouncePort = bouncePort;
    this.clock = clock;
    this.record = record;
    Properties properties = new Properties();
    properties.setProperty("mail.smtp.localhost", SmtpReceiver.HOST_NAME);
    properties.setProperty("mail.smtp.connectiontimeout", "5000");
    properties.setProperty("mail.smtp.timeout", "10000");
    this.session = Session.getInstance(properties);
    this.reports = new DeliveryReports(session);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sim-reports");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Sends the reports from now on to {@code bouncePort} of the bounce host. */
  public void sendTo(int bouncePort) {
    this.bouncePort = bouncePort;
  }

  /** Schedules the report an accepted message calls for, if any. */
  public void delivered(AcceptedMessage message) {
    ReportKind kind =
        switch (message.behaviour()) {
          case LATE_BOUNCE -> ReportKind.DSN;
          case COMPLAIN -> ReportKind.ARF;
          case REPLY -> ReportKind.REPLY;
          default -> null;
        };
    if (kind == null) {
      return;
    }
    if (message.envelopeFrom().isBlank()) {
      LOG.info("reports: no return path on {}, no {} sent", message.messageId(), kind);
      return;
    }
    later(() -> attempt(kind, message, 1), world.timings().reportDelay().toMillis());
  }

  private void attempt(ReportKind kind, AcceptedMessage message, int attempt) {
    try {
      String reply = send(kind, message);
      LOG.info(
          "reports: {} about {} for {} -> {}",
          kind,
          message.messageId(),
          message.recipient(),
          reply);
      record.accept(outcome(kind, message, true, reply));
    } catch (MessagingException | RuntimeException e) {
      if (attempt < ATTEMPTS) {
        long backoff = FIRST_RETRY.toMillis() << (attempt - 1);
        later(() -> attempt(kind, message, attempt + 1), backoff);
        return;
      }
      LOG.warn("reports: {} about {} not delivered: {}", kind, message.messageId(), e.getMessage());
      record.accept(outcome(kind, message, false, String.valueOf(e.getMessage())));
    }
  }

  private void later(Runnable task, long delayMillis) {
    try {
      timer.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      LOG.debug("reports: stopped, a report is not sent");
    }
  }

  private String send(ReportKind kind, AcceptedMessage message) throws MessagingException {
    Provider provider =
        world
            .providerOf(message.recipient().substring(message.recipient().lastIndexOf('@') + 1))
            .orElseThrow(() -> new IllegalStateException("no provider for " + message.recipient()));
    MimeMessage report =
        switch (kind) {
          case DSN ->
              reports.dsn(message, provider, lateBounceReply(message, provider), clock.instant());
          case ARF -> reports.arf(message, provider, clock.instant());
          case REPLY -> reports.reply(message, provider, clock.instant());
        };
    SMTPMessage envelope = new SMTPMessage(report);
    // A DSN has the null return path (RFC 5321 §4.5.5), so it can never bounce back in a loop.
    envelope.setEnvelopeFrom(
        switch (kind) {
          case DSN -> "<>";
          case ARF -> "feedback@" + provider.domains().get(0);
          case REPLY -> message.recipient();
        });
    // Reports go to the return path; a reply to the From address, which the sender's MX (the
    // same listener here) receives.
    Address[] to =
        kind == ReportKind.REPLY
            ? report.getRecipients(jakarta.mail.Message.RecipientType.TO)
            : new Address[] {new InternetAddress(message.envelopeFrom())};
    try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
      transport.connect(bounceHost, bouncePort, null, null);
      transport.sendMessage(envelope, to);
      return transport.getLastServerResponse();
    }
  }

  private Reply lateBounceReply(AcceptedMessage message, Provider provider) {
    String recipient = message.recipient();
    int at = recipient.lastIndexOf('@');
    Map<String, String> variables =
        Map.of(
            "recipient", recipient,
            "local", recipient.substring(0, Math.max(at, 0)),
            "domain", recipient.substring(at + 1),
            "ip", message.sourceIp(),
            "mx", provider.mxHost());
    return world.replies().render(ReplyKind.LATE_BOUNCE, provider.name(), variables);
  }

  private ReportOutcome outcome(
      ReportKind kind, AcceptedMessage message, boolean delivered, String detail) {
    return new ReportOutcome(
        clock.instant(),
        kind,
        message.recipient(),
        message.messageId(),
        message.envelopeFrom(),
        delivered,
        detail);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
