package dev.heron.senders.world;

import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * A real SMTP server on a loopback port playing a mailbox provider: it accepts every recipient
 * except those given a reply, keeps each accepted message with its envelope and the address it came
 * from, and counts the connections that carried them.
 */
public final class TestSmtp implements AutoCloseable {
  /** One accepted message as the server saw it. */
  public record Received(
      String envelopeFrom, String recipient, String sourceIp, boolean tls, byte[] data) {
    public MimeMessage mime() {
      try {
        return new MimeMessage(
            jakarta.mail.Session.getInstance(new Properties()), new ByteArrayInputStream(data));
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private SMTPServer server;
  private final Map<String, RejectException> replies = new ConcurrentHashMap<>();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Set<String> connections = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicInteger> openTransactions = new ConcurrentHashMap<>();
  private final Map<String, Integer> mostTransactionsAtOnce = new ConcurrentHashMap<>();
  private volatile Duration dataDelay = Duration.ZERO;
  private volatile Hold hold;

  /** Data from {@code sourceIp} waits until it has {@code busy} transactions open at once. */
  private record Hold(String sourceIp, int busy, Duration atMost) {}

  /** A server on the first free port of 12650-12699 (the senders tests' share). */
  public TestSmtp() {
    this(null);
  }

  /** Offering STARTTLS with {@code tls} when it is not null. */
  public TestSmtp(SSLContext tls) {
    RuntimeException failure = null;
    for (int port = 12650; port <= 12699; port++) {
      SMTPServer candidate =
          SMTPServer.port(port)
              .bindAddress(InetAddress.getLoopbackAddress())
              .hostName("mx.test")
              .messageHandlerFactory(Handler::new)
              .enableTLS(tls != null)
              .startTlsSocketFactory(tls == null ? defaultContext() : tls)
              .build();
      try {
        candidate.start();
        server = candidate;
        return;
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    throw failure;
  }

  private static SSLContext defaultContext() {
    try {
      return SSLContext.getDefault();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return server.getPortAllocated();
  }

  /** The server refuses {@code recipient} at RCPT TO with {@code code} and {@code text}. */
  public TestSmtp reply(String recipient, int code, String text) {
    replies.put(recipient.toLowerCase(Locale.ROOT), new RejectException(code, text));
    return this;
  }

  /** The server takes {@code delay} to answer each message's data, as a busy exchanger does. */
  public TestSmtp slowly(Duration delay) {
    this.dataDelay = delay;
    return this;
  }

  /**
   * The server holds the data of {@code sourceIp}'s transactions until {@code busy} of them have
   * been open at once, or {@code atMost} passed: how many connections an IP opens is then seen
   * whatever the load, instead of only when its last one happens to start before the first is done.
   */
  public TestSmtp holdUntilBusy(String sourceIp, int busy, Duration atMost) {
    this.hold = new Hold(sourceIp, busy, atMost);
    return this;
  }

  /**
   * The most transactions from {@code sourceIp} that were open at once. A connection carries one
   * transaction at a time, so with a slow server this is how many connections the IP had busy.
   */
  public int mostTransactionsAtOnce(String sourceIp) {
    return mostTransactionsAtOnce.getOrDefault(sourceIp, 0);
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  public List<Received> receivedFor(String recipient) {
    return received.stream().filter(r -> r.recipient().equalsIgnoreCase(recipient)).toList();
  }

  /** How many distinct client connections carried a transaction. */
  public int connections() {
    return connections.size();
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class Handler implements MessageHandler {
    private final String sourceIp;
    private final MessageContext context;
    private String from;
    private String recipient;
    private boolean open;

    Handler(MessageContext context) {
      this.context = context;
      InetSocketAddress remote = (InetSocketAddress) context.getRemoteAddress();
      this.sourceIp = remote.getAddress().getHostAddress();
      connections.add(sourceIp + ":" + remote.getPort());
    }

    @Override
    public void from(String from) {
      this.from = from;
      this.open = true;
      int now =
          openTransactions.computeIfAbsent(sourceIp, k -> new AtomicInteger()).incrementAndGet();
      mostTransactionsAtOnce.merge(sourceIp, now, Math::max);
    }

    @Override
    public void recipient(String recipient) throws RejectException {
      RejectException reply = replies.get(recipient.toLowerCase(Locale.ROOT));
      if (reply != null) {
        throw reply;
      }
      this.recipient = recipient;
    }

    @Override
    public String data(InputStream data) throws IOException {
      boolean tls = context instanceof Session session && session.isTLSStarted();
      try {
        Hold h = hold;
        if (h != null && h.sourceIp().equals(sourceIp)) {
          Instant giveUp = Instant.now().plus(h.atMost());
          while (mostTransactionsAtOnce(sourceIp) < h.busy() && Instant.now().isBefore(giveUp)) {
            Thread.sleep(10);
          }
        }
        if (!dataDelay.isZero()) {
          Thread.sleep(dataDelay.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      received.add(new Received(from, recipient, sourceIp, tls, data.readAllBytes()));
      // Over once the data is taken: the server says done() only after its reply, by which time
      // the client may already be opening its next connection.
      endTransaction();
      return null;
    }

    @Override
    public void done() {
      endTransaction();
    }

    private void endTransaction() {
      if (open) {
        open = false;
        openTransactions.get(sourceIp).decrementAndGet();
      }
    }
  }
}
