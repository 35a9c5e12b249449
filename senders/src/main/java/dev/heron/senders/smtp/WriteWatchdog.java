package dev.heron.senders.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how long a write to an SMTP server may block. Reads are bounded by the socket's own
 * timeout, writes are not: a server that stops reading would hold a lane's thread for good. The
 * sockets of {@link #sockets()} note when each write starts, and one timer for all of them closes a
 * socket whose write has been blocked for longer than the timeout, which fails the write with a
 * {@link SocketTimeoutException} and so the transaction.
 *
 * <p>Angus Mail's own write timeout ({@code mail.smtp.writetimeout}) gives each connection a timer
 * thread and schedules and cancels a task on it around every write; waking those threads took a
 * tenth of the sender's CPU in the send benchmark (docs/benchmarks.md). Here a write costs two
 * volatile stores.
 */
final class WriteWatchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WriteWatchdog.class);
  private static final long NOT_WRITING = Long.MIN_VALUE;

  private final long timeoutNanos;
  private final Set<WatchedSocket> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;
  private final SocketFactory sockets = new WatchedSockets();

  /** Checks every quarter of {@code timeout}, at least every second. */
  WriteWatchdog(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the write timeout must be positive: " + timeout);
    }
    this.timeoutNanos = timeout.toNanos();
    long period = Math.max(10, Math.min(1_000, timeout.toMillis() / 4));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "smtp-write-watchdog");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::closeStalled, period, period, TimeUnit.MILLISECONDS);
  }

  /** Makes the sockets this watchdog watches: for {@code mail.smtp.socketFactory}. */
  SocketFactory sockets() {
    return sockets;
  }

  /** Sockets that have written and are not closed yet. */
  int watched() {
    return open.size();
  }

  private void closeStalled() {
    long now = System.nanoTime();
    for (WatchedSocket socket : open) {
      long since = socket.writingSince;
      if (socket.isClosed()) {
        open.remove(socket);
      } else if (since != NOT_WRITING && now - since > timeoutNanos) {
        LOG.warn(
            "closing the connection to {}: a write has been blocked for more than {} ms",
            socket.getRemoteSocketAddress(),
            TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        socket.stall();
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private final class WatchedSocket extends Socket {
    private volatile long writingSince = NOT_WRITING;
    private volatile boolean stalled;
    private OutputStream out;

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (out == null) {
        out = new WatchedOutput(this, super.getOutputStream());
        open.add(this);
      }
      return out;
    }

    private void stall() {
      stalled = true;
      try {
        close();
      } catch (IOException e) {
        LOG.debug("closing a stalled connection failed: {}", e.toString());
      }
    }

    @Override
    public void close() throws IOException {
      open.remove(this);
      super.close();
    }
  }

  private static final class WatchedOutput extends OutputStream {
    private final WatchedSocket socket;
    private final OutputStream out;

    WatchedOutput(WatchedSocket socket, OutputStream out) {
      this.socket = socket;
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      socket.writingSince = System.nanoTime();
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        if (socket.stalled) {
          // Not the cause: the reason a failure gives is its innermost one.
          throw new SocketTimeoutException("write timed out: the server stopped reading");
        }
        throw e;
      } finally {
        socket.writingSince = NOT_WRITING;
      }
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
    }
  }

  /** Angus Mail asks for an unconnected socket, then binds and connects it itself. */
  private final class WatchedSockets extends SocketFactory {
    @Override
    public Socket createSocket() {
      return new WatchedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return createSocket(InetAddress.getByName(host), port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return createSocket(InetAddress.getByName(host), port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return connected(null, new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return connected(
          new InetSocketAddress(localHost, localPort), new InetSocketAddress(host, port));
    }

    private Socket connected(InetSocketAddress local, InetSocketAddress remote) throws IOException {
      Socket socket = createSocket();
      try {
        if (local != null) {
          socket.bind(local);
        }
        socket.connect(remote);
        return socket;
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    }
  }
}
