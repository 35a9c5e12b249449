package dev.heron.senders.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.events.MessageClass;
import dev.heron.senders.delivery.OutboundMessage;
import dev.heron.senders.delivery.RenderedContent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A write that blocks because the server stopped reading ends after the timeout; writes that move,
 * on a connection that lives longer than the timeout, do not. Over real sockets.
 */
class WriteWatchdogTest {
  private static final Duration TIMEOUT = Duration.ofMillis(400);

  @Test
  void aWriteTheServerNeverReadsFailsAfterTheTimeout() throws Exception {
    try (Connection c = Connection.open()) {
      OutputStream out = c.socket().getOutputStream();
      byte[] chunk = new byte[1 << 20];
      long start = System.nanoTime();
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 1024; i++) { // far more than the sockets' buffers hold
                  out.write(chunk);
                }
              })
          .isInstanceOf(SocketTimeoutException.class)
          .hasMessageContaining("the server stopped reading");
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(millis).isBetween(TIMEOUT.toMillis(), TIMEOUT.toMillis() + 5_000);
      assertThat(c.socket().isClosed()).isTrue();
      assertThat(c.watchdog().watched()).isZero();
    }
  }

  @Test
  void writesThatMoveAreLeftAloneHoweverLongTheConnectionLives() throws Exception {
    try (Connection c = Connection.open()) {
      OutputStream out = c.socket().getOutputStream();
      byte[] line = "NOOP\r\n".getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 4; i++) {
        out.write(line);
        Thread.sleep(TIMEOUT.toMillis()); // idle between writes: not a blocked write
      }
      assertThat(c.socket().isClosed()).isFalse();
      assertThat(c.watchdog().watched()).isEqualTo(1);
      byte[] read = c.accepted().getInputStream().readNBytes(line.length * 4);
      assertThat(new String(read, StandardCharsets.US_ASCII)).isEqualTo("NOOP\r\n".repeat(4));
    }
  }

  /**
   * Through Angus Mail's transaction: a server that answers DATA with 354 and then reads no more
   * leaves the message undelivered with the reason, not the lane's thread blocked for good.
   */
  @Test
  void aTransactionWhoseDataIsNeverReadEndsWithTheReason() throws Exception {
    try (ServerSocket server = listening();
        SmtpConnections connections =
            new SmtpConnections(
                new SmtpConnections.Options(port(server), TIMEOUT, Duration.ofSeconds(30)))) {
      Thread smtp = new Thread(() -> stopReadingAtData(server), "stalled-smtp");
      smtp.start();
      EmailComposer composer = new EmailComposer();
      // Larger than what the sockets' buffers hold, so that the write blocks.
      String body = "x".repeat(70).concat("\n").repeat(400_000);
      OutboundMessage message =
          new OutboundMessage(
              EmailComposerTest.request(MessageClass.TRANSACTIONAL, "a@stalled.test", null),
              new RenderedContent("Hi", null, body, List.of(), null),
              1);
      SmtpResult result;
      try {
        result =
            connections
                .send(
                    new LaneKey("127.0.0.1", "other", 0, "heron.test"),
                    new SmtpConnections.LaneLimits(1, 100),
                    new Exchanger("mx.stalled.test", "127.0.0.1"),
                    () -> composer.compose(message),
                    Instant.now(),
                    Optional::empty)
                .get(30, TimeUnit.SECONDS);
      } finally {
        smtp.interrupt();
        smtp.join(5_000);
      }
      assertThat(result.reply()).isNull();
      assertThat(result.handedAt()).as("the transaction had begun").isNotNull();
      assertThat(result.problem()).contains("write timed out: the server stopped reading");
    }
  }

  /** Greets, says OK to each command until DATA, answers it 354, then reads nothing more. */
  private static void stopReadingAtData(ServerSocket server) {
    try (Socket client = server.accept()) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
      Writer out =
          new java.io.OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
      out.write("220 stalled.test ESMTP\r\n");
      out.flush();
      for (String line; (line = in.readLine()) != null; ) {
        String command = line.toUpperCase(java.util.Locale.ROOT);
        if (command.startsWith("EHLO")) {
          out.write("250-stalled.test\r\n250 8BITMIME\r\n");
        } else if (command.startsWith("DATA")) {
          out.write("354 go on\r\n");
          out.flush();
          Thread.sleep(60_000);
          return;
        } else {
          out.write("250 OK\r\n");
        }
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the test closed the server
    }
  }

  /** A watched socket and the server's end of it, which reads only when the test does. */
  private record Connection(
      ServerSocket server, WriteWatchdog watchdog, Socket socket, Socket accepted)
      implements AutoCloseable {
    static Connection open() throws IOException {
      ServerSocket server = listening();
      WriteWatchdog watchdog = new WriteWatchdog(TIMEOUT);
      Socket socket =
          watchdog.sockets().createSocket(InetAddress.getLoopbackAddress(), port(server));
      return new Connection(server, watchdog, socket, server.accept());
    }

    @Override
    public void close() throws IOException {
      accepted.close();
      socket.close();
      watchdog.close();
      server.close();
    }
  }

  private static ServerSocket listening() throws IOException {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    server.setReceiveBufferSize(64 * 1024);
    return server;
  }

  private static int port(ServerSocket server) {
    return server.getLocalPort();
  }
}
