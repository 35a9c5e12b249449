package dev.heron.simulator;

import dev.heron.simulator.dns.DnsServer;
import dev.heron.simulator.recipients.Engagement;
import dev.heron.simulator.recipients.Recipients;
import dev.heron.simulator.reports.ReportOutcome;
import dev.heron.simulator.reports.ReportSender;
import dev.heron.simulator.smtp.DeliveryOutcome;
import dev.heron.simulator.smtp.IpReputation;
import dev.heron.simulator.smtp.SmtpReceiver;
import dev.heron.simulator.smtp.Verdicts;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A started simulator: its bound ports and what it has done so far. Closing it stops the servers
 * and drops whatever recipients had still planned to do.
 */
public final class RunningSimulator implements AutoCloseable {
  private final SimulatorConfig config;
  private final SmtpReceiver smtp;
  private final DnsServer dns;
  private final Verdicts verdicts;
  private final Recipients recipients;
  private final ReportSender reports;
  private final Journal<DeliveryOutcome> deliveryJournal;
  private final Journal<Engagement> engagementJournal;
  private final Journal<ReportOutcome> reportJournal;

  RunningSimulator(
      SimulatorConfig config,
      SmtpReceiver smtp,
      DnsServer dns,
      Verdicts verdicts,
      Recipients recipients,
      ReportSender reports,
      Journal<DeliveryOutcome> deliveryJournal,
      Journal<Engagement> engagementJournal,
      Journal<ReportOutcome> reportJournal) {
    this.config = config;
    this.smtp = smtp;
    this.dns = dns;
    this.verdicts = verdicts;
    this.recipients = recipients;
    this.reports = reports;
    this.deliveryJournal = deliveryJournal;
    this.engagementJournal = engagementJournal;
    this.reportJournal = reportJournal;
  }

  /**
   * Replaces the world's IP reputation rules while running: from the next RCPT TO on, the providers
   * answer as {@code rules} say (the reputation reaction benchmark switches a block on this way).
   */
  public void changeReputations(List<IpReputation> rules) {
    verdicts.useReputations(rules);
  }

  /**
   * Sends the late reports from now on to Heron's bounce listener on {@code bouncePort} instead of
   * the configured one: a listener that chose its own port, after the simulator whose ports its
   * sender needed.
   */
  public void sendReportsTo(int bouncePort) {
    reports.sendTo(bouncePort);
  }

  public SimulatorConfig config() {
    return config;
  }

  public int smtpPort() {
    return smtp.port();
  }

  public int dnsPort() {
    return dns.port();
  }

  /** Where accepted messages are kept: {@code <this>/<recipient>/<message-id>.eml}. */
  public Path mailDirectory() {
    return config.mailDirectory();
  }

  /** Every recipient accepted or rejected so far (the most recent, up to the configured memory). */
  public List<DeliveryOutcome> deliveries() {
    return deliveryJournal.recent();
  }

  /**
   * The outcomes recorded at or after a position of the delivery journal (0 for the first), for a
   * reader that polls: it pays for the new outcomes only.
   */
  public Journal.Since<DeliveryOutcome> deliveriesSince(long position) {
    return deliveryJournal.since(position);
  }

  /**
   * The delivery journal's position now: pass it to {@link #deliveriesSince} to read what follows.
   */
  public long deliveriesPosition() {
    return deliveryJournal.appended();
  }

  /** The outcomes for one recipient, oldest first. */
  public List<DeliveryOutcome> deliveriesTo(String recipient) {
    String address = recipient.toLowerCase(Locale.ROOT);
    return deliveries().stream().filter(d -> d.recipient().equals(address)).toList();
  }

  /** Every pixel fetch, click and unsubscribe so far. */
  public List<Engagement> engagements() {
    return engagementJournal.recent();
  }

  /** Every DSN and ARF report sent (or given up on) so far. */
  public List<ReportOutcome> reports() {
    return reportJournal.recent();
  }

  /** The people behind the mailboxes; their habits can be read here, for tests. */
  public Recipients recipients() {
    return recipients;
  }

  @Override
  public void close() {
    smtp.close();
    dns.close();
    recipients.close();
    reports.close();
    deliveryJournal.close();
    engagementJournal.close();
    reportJournal.close();
  }
}
