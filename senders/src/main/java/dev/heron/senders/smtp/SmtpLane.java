package dev.heron.senders.smtp;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SMTP connection slot from a source IP to a provider, reused for message after message. A lane
 * owns a thread, so that its transactions run one at a time on its connection while other lanes
 * send in parallel: the lanes of an IP × provider bound its connections there. The connection is
 * opened on first use, to another of the provider's exchangers when a message goes there, after a
 * failure that may have left it unusable, and after {@code maxMessagesPerConnection} messages.
 */
final class SmtpLane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmtpLane.class);
  private static final Duration IDLE_CHECK = Duration.ofSeconds(5);

  private final LaneKey key;
  private final int port;
  private final Session session;
  private final int maxMessagesPerConnection;
  private final ExecutorService thread;
  private SMTPTransport transport;
  private Exchanger connectedTo;
  private final AtomicInteger queued = new AtomicInteger();
  private int sentOnConnection;
  private boolean suspect;
  private Instant lastUsed = Instant.MIN;

  SmtpLane(
      LaneKey key, int port, Duration timeout, WriteWatchdog writes, int maxMessagesPerConnection) {
    this.key = key;
    this.port = port;
    this.session = Session.getInstance(properties(key, port, timeout, writes));
    this.maxMessagesPerConnection = maxMessagesPerConnection;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t =
                  new Thread(r, "smtp-" + key.sourceIp() + "-" + key.provider() + "-" + key.slot());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Connecting and each read time out by the socket's own timeouts, each write by {@code writes}.
   */
  private static Properties properties(
      LaneKey key, int port, Duration timeout, WriteWatchdog writes) {
    Properties p = new Properties();
    p.setProperty("mail.smtp.port", Integer.toString(port));
    p.setProperty("mail.smtp.localaddress", key.sourceIp());
    p.setProperty("mail.smtp.localhost", key.heloName());
    p.setProperty("mail.smtp.connectiontimeout", Long.toString(timeout.toMillis()));
    p.setProperty("mail.smtp.timeout", Long.toString(timeout.toMillis()));
    p.put("mail.smtp.socketFactory", writes.sockets());
    // A connection that fails is not tried again without the watchdog's sockets.
    p.setProperty("mail.smtp.socketFactory.fallback", "false");
    p.setProperty("mail.smtp.quitwait", "false");
    // Opportunistic TLS between mail servers (RFC 7435): encrypt when offered, and since MX
    // certificates are rarely valid for the name we connect to, do not insist on verifying them.
    p.setProperty("mail.smtp.starttls.enable", "true");
    p.setProperty("mail.smtp.starttls.required", "false");
    p.setProperty("mail.smtp.ssl.trust", "*");
    p.setProperty("mail.smtp.ssl.checkserveridentity", "false");
    return p;
  }

  /**
   * Builds the message and runs the transaction to {@code exchanger} on this lane's connection, not
   * before {@code notBefore} (the pace the shaper set) and only if {@code gate} still has no
   * objection then; never completes exceptionally.
   */
  CompletableFuture<SmtpResult> send(
      Exchanger exchanger,
      Composition composition,
      Instant notBefore,
      Supplier<Optional<String>> gate) {
    queued.incrementAndGet();
    try {
      return CompletableFuture.supplyAsync(
              () -> transactNotBefore(exchanger, composition, notBefore, gate), thread)
          .whenComplete((result, failure) -> queued.decrementAndGet());
    } catch (RejectedExecutionException e) {
      queued.decrementAndGet();
      throw e;
    }
  }

  /** Transactions queued or running on this lane. */
  int queued() {
    return queued.get();
  }

  private SmtpResult transactNotBefore(
      Exchanger exchanger,
      Composition composition,
      Instant notBefore,
      Supplier<Optional<String>> gate) {
    waitUntil(notBefore);
    Optional<String> objection = gate.get();
    if (objection.isPresent()) {
      return SmtpResult.unreachable(objection.get(), null);
    }
    EmailComposer.Composed composed;
    try {
      composed = composition.compose();
    } catch (IllegalArgumentException e) {
      return SmtpResult.localError(e.getMessage());
    } catch (MessagingException | RuntimeException e) {
      return SmtpResult.localError("cannot build the message: " + SmtpErrors.describe(e));
    }
    return transact(exchanger, composed);
  }

  private static void waitUntil(Instant notBefore) {
    long millis = Duration.between(Instant.now(), notBefore).toMillis();
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private SmtpResult transact(Exchanger exchanger, EmailComposer.Composed composed) {
    try {
      ensureConnected(exchanger);
    } catch (MessagingException e) {
      disconnect();
      if (SmtpErrors.isBindFailure(e)) {
        return SmtpResult.localError(
            "cannot send from " + key.sourceIp() + ": " + SmtpErrors.describe(e));
      }
      return SmtpErrors.replyOf(e)
          .map(reply -> SmtpResult.replied(reply, null))
          .orElseGet(
              () ->
                  SmtpResult.unreachable(
                      "cannot connect to "
                          + exchanger.host()
                          + " ("
                          + exchanger.address()
                          + "): "
                          + SmtpErrors.describe(e),
                      null));
    }
    Instant handedAt = Instant.now();
    try {
      transport.sendMessage(composed.message(), new Address[] {composed.recipient()});
      sentOnConnection++;
      return SmtpResult.replied(
          SmtpReply.of(transport.getLastReturnCode(), transport.getLastServerResponse()), handedAt);
    } catch (SendFailedException e) {
      // A refused sender or recipient leaves the connection usable once reset; check it first.
      suspect = true;
      return SmtpErrors.replyOf(e)
          .map(reply -> SmtpResult.replied(reply, handedAt))
          .orElseGet(() -> SmtpResult.unreachable(SmtpErrors.describe(e), handedAt));
    } catch (MessagingException | RuntimeException e) {
      disconnect();
      MessagingException failure =
          e instanceof MessagingException m ? m : new MessagingException(e.toString(), e);
      return SmtpErrors.replyOf(failure)
          .map(reply -> SmtpResult.replied(reply, handedAt))
          .orElseGet(
              () ->
                  SmtpResult.unreachable(
                      "connection to " + exchanger.host() + " failed: " + SmtpErrors.describe(e),
                      handedAt));
    }
  }

  private void ensureConnected(Exchanger exchanger) throws MessagingException {
    // A connection that failed a command or sat idle may have been dropped by the server: a NOOP
    // (isConnected) tells before a message is lost on it.
    boolean idle = lastUsed.isBefore(Instant.now().minus(IDLE_CHECK));
    if (transport != null
        && (sentOnConnection >= maxMessagesPerConnection
            || !exchanger.equals(connectedTo)
            || ((suspect || idle) && !transport.isConnected()))) {
      disconnect();
    }
    suspect = false;
    lastUsed = Instant.now();
    if (transport == null) {
      SMTPTransport fresh = (SMTPTransport) session.getTransport("smtp");
      fresh.connect(exchanger.address(), port, null, null);
      transport = fresh;
      connectedTo = exchanger;
      sentOnConnection = 0;
    }
  }

  private void disconnect() {
    if (transport != null) {
      try {
        transport.close();
      } catch (MessagingException | RuntimeException e) {
        LOG.debug("closing the connection to {} failed: {}", connectedTo, e.toString());
      }
      transport = null;
      connectedTo = null;
    }
  }

  /** Lets queued transactions finish, then says QUIT. */
  @Override
  public void close() {
    try {
      thread.execute(this::disconnect);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return;
    }
    thread.shutdown();
    try {
      thread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
