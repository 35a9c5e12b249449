package dev.heron.bench.send;

import dev.heron.bench.BenchTenant;
import dev.heron.simulator.smtp.DeliveryOutcome;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * The baseline: the very messages Heron just delivered (the simulator's stored copies, its {@code
 * Received:} line removed, DKIM signature and all), sent again to the same recipients over the same
 * connections — one per source IP × exchanger, from that IP, STARTTLS when offered, as many
 * messages per connection as the sender was allowed — with no Heron processing: no Kafka, no
 * database, no rendering or signing.
 */
final class SmtpBaseline {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private record Lane(String sourceIp, String provider) {}

  private record Prepared(SMTPMessage message, InternetAddress recipient) {}

  private final int smtpPort;
  private final Map<Lane, List<Prepared>> lanes = new LinkedHashMap<>();
  private final Map<String, String> heloBySourceIp;
  private final int messagesPerConnection;

  /**
   * @param delivered what the simulator accepted from Heron in the run being repeated
   * @param heloBySourceIp the name each source IP greeted with
   * @param messagesPerConnection messages a connection carries before another is opened
   */
  SmtpBaseline(
      int smtpPort,
      List<DeliveryOutcome> delivered,
      Map<String, String> heloBySourceIp,
      int messagesPerConnection)
      throws IOException, MessagingException {
    this.smtpPort = smtpPort;
    this.messagesPerConnection = messagesPerConnection;
    this.heloBySourceIp = heloBySourceIp;
    Session parsing = Session.getInstance(new Properties());
    for (DeliveryOutcome d : delivered) {
      SMTPMessage message;
      try (InputStream in = Files.newInputStream(Path.of(d.file()))) {
        message = new SMTPMessage(parsing, in);
      }
      message.removeHeader("Received");
      message.setEnvelopeFrom(d.envelopeFrom());
      lanes
          .computeIfAbsent(new Lane(d.sourceIp(), d.provider()), k -> new ArrayList<>())
          .add(new Prepared(message, new InternetAddress(d.recipient())));
    }
  }

  int messages() {
    return lanes.values().stream().mapToInt(List::size).sum();
  }

  int connections() {
    return lanes.size();
  }

  /** What one lane's thread did: the messages answered 250 and when its last reply came. */
  private record LaneResult(int accepted, long finishedNanos) {}

  /**
   * Sends every message, each lane on a thread of its own, while {@code acceptance} waits (as it
   * does for Heron's runs) for the simulator to accept every one; returns the seconds from the
   * first message to the last lane's last reply.
   */
  double run(AcceptanceWatch acceptance, Duration stall) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(lanes.size());
    try {
      long start = System.nanoTime();
      List<Future<LaneResult>> sent = new ArrayList<>();
      for (Map.Entry<Lane, List<Prepared>> lane : lanes.entrySet()) {
        sent.add(threads.submit(() -> send(lane.getKey(), lane.getValue())));
      }
      acceptance.await(stall, "the baseline", () -> allDone(sent));
      int total = 0;
      long finished = start;
      for (Future<LaneResult> f : sent) {
        LaneResult lane = f.get();
        total += lane.accepted();
        finished = Math.max(finished, lane.finishedNanos());
      }
      if (total != messages()) {
        throw new IllegalStateException(
            "the baseline had " + (messages() - total) + " of " + messages() + " refused");
      }
      return (finished - start) / 1e9;
    } finally {
      threads.shutdownNow();
    }
  }

  /** Whether every lane has ended; a lane that failed fails the wait with its own reason. */
  private static boolean allDone(List<Future<LaneResult>> lanes) {
    for (Future<LaneResult> lane : lanes) {
      if (!lane.isDone()) {
        return false;
      }
      try {
        lane.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a baseline lane failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    return true;
  }

  private LaneResult send(Lane lane, List<Prepared> messages) throws MessagingException {
    Session session = Session.getInstance(properties(lane));
    int accepted = 0;
    SMTPTransport transport = null;
    int onConnection = 0;
    try {
      for (Prepared p : messages) {
        if (transport == null || onConnection >= messagesPerConnection) {
          if (transport != null) {
            transport.close();
          }
          transport = (SMTPTransport) session.getTransport("smtp");
          transport.connect();
          onConnection = 0;
        }
        transport.sendMessage(p.message(), new Address[] {p.recipient()});
        onConnection++;
        if (transport.getLastReturnCode() == 250) {
          accepted++;
        }
      }
    } finally {
      if (transport != null) {
        transport.close();
      }
    }
    return new LaneResult(accepted, System.nanoTime());
  }

  /**
   * The session properties of Heron's own SMTP lanes ({@code SmtpLane}), but for the write
   * watchdog, whose sockets come with the senders module: the bench's stall watch ends a run that
   * stops moving.
   */
  private Properties properties(Lane lane) {
    Properties p = new Properties();
    p.setProperty("mail.smtp.host", "127.0.0.1");
    p.setProperty("mail.smtp.port", Integer.toString(smtpPort));
    p.setProperty("mail.smtp.localaddress", lane.sourceIp());
    p.setProperty(
        "mail.smtp.localhost", heloBySourceIp.getOrDefault(lane.sourceIp(), BenchTenant.IDENTITY));
    p.setProperty("mail.smtp.connectiontimeout", Long.toString(TIMEOUT.toMillis()));
    p.setProperty("mail.smtp.timeout", Long.toString(TIMEOUT.toMillis()));
    p.setProperty("mail.smtp.quitwait", "false");
    p.setProperty("mail.smtp.starttls.enable", "true");
    p.setProperty("mail.smtp.starttls.required", "false");
    p.setProperty("mail.smtp.ssl.trust", "*");
    p.setProperty("mail.smtp.ssl.checkserveridentity", "false");
    return p;
  }
}
