package dev.heron.simulator;

import dev.heron.simulator.dns.DnsServer;
import dev.heron.simulator.dns.DnsZones;
import dev.heron.simulator.recipients.Engagement;
import dev.heron.simulator.recipients.Recipients;
import dev.heron.simulator.reports.ReportOutcome;
import dev.heron.simulator.reports.ReportSender;
import dev.heron.simulator.smtp.AcceptedMessage;
import dev.heron.simulator.smtp.DeliveryListener;
import dev.heron.simulator.smtp.DeliveryOutcome;
import dev.heron.simulator.smtp.Mailbox;
import dev.heron.simulator.smtp.SmtpReceiver;
import dev.heron.simulator.smtp.Verdicts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local world of mailbox providers: an SMTP server that answers as Gmail, Outlook, Yahoo,
 * iCloud and a small host would, the DNS that points their MX records at it, and the recipients who
 * open and click. {@code bin/heron} runs {@link #main}; tests call {@link #start}.
 */
public final class Simulator {
  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  private Simulator() {}

  /** Starts every part of the simulated world; close the result to stop it. */
  public static RunningSimulator start(SimulatorConfig config) {
    Journal<DeliveryOutcome> deliveries = null;
    Journal<Engagement> engagements = null;
    Journal<ReportOutcome> reportLog = null;
    Recipients recipients = null;
    ReportSender reports = null;
    DnsServer dns = null;
    try {
      deliveries =
          new Journal<>(config.journalDirectory().resolve("deliveries.jsonl"), config.memory());
      engagements =
          new Journal<>(config.journalDirectory().resolve("engagements.jsonl"), config.memory());
      reportLog =
          new Journal<>(config.journalDirectory().resolve("reports.jsonl"), config.memory());
      recipients = new Recipients(config.world(), config.seed(), config.clock(), engagements);
      reports =
          new ReportSender(
              config.world(), config.bounceHost(), config.bouncePort(), config.clock(), reportLog);
      Mailbox mailbox = new Mailbox(config.mailDirectory());
      DnsZones zones = DnsZones.load(Optional.of(config.zonesDirectory()));
      dns = DnsServer.start(zones, config.bindAddress(), config.dnsPort());
      Verdicts verdicts = new Verdicts(config.world(), config.seed(), config.clock());
      SmtpReceiver smtp =
          SmtpReceiver.start(
              config.bindAddress(),
              config.smtpPort(),
              config.world().startTls(),
              verdicts,
              mailbox,
              listener(deliveries, recipients, reports),
              config.clock());
      return new RunningSimulator(
          config, smtp, dns, verdicts, recipients, reports, deliveries, engagements, reportLog);
    } catch (IOException | RuntimeException e) {
      for (AutoCloseable started :
          new AutoCloseable[] {dns, reports, recipients, reportLog, engagements, deliveries}) {
        closeQuietly(started);
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("simulator cannot start: " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  private static DeliveryListener listener(
      Journal<DeliveryOutcome> deliveries, Recipients recipients, ReportSender reports) {
    return new DeliveryListener() {
      @Override
      public void rejected(DeliveryOutcome outcome) {
        deliveries.accept(outcome);
      }

      @Override
      public void accepted(DeliveryOutcome outcome, AcceptedMessage message) {
        deliveries.accept(outcome);
        recipients.delivered(message);
        reports.delivered(message);
      }
    };
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Already failing to start; the original error is the one worth reporting.
    }
  }

  /** Runs the simulator configured by {@link dev.heron.events.Settings} until it is stopped. */
  public static void main(String[] args) throws InterruptedException {
    // Chosen before the first logger exists; a module that embeds the simulator keeps its own.
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "simulator-logback.xml");
    }
    // Without it, Jakarta Mail looks its stream provider up through the ServiceLoader on every
    // header block it parses, which was the largest cost of a delivery.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
    Logger log = LoggerFactory.getLogger(Simulator.class);
    SimulatorConfig config = SimulatorConfig.fromSettings();
    RunningSimulator simulator = start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                },
                "sim-shutdown"));
    log.info(
        "simulator: smtp=127.0.0.1:{} dns=127.0.0.1:{} mail={} reports-to={}:{} seed={}",
        simulator.smtpPort(),
        simulator.dnsPort(),
        config.mailDirectory().toAbsolutePath(),
        config.bounceHost(),
        config.bouncePort(),
        config.seed());
    stopped.await();
  }
}
