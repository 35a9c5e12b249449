package dev.heron.simulator.smtp;

import java.net.InetAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The simulated providers' SMTP server (subethasmtp), one port for every provider: it is the MX
 * host of all of them. Each mail transaction is a {@link Transaction}.
 */
public final class SmtpReceiver implements AutoCloseable {
  public static final String HOST_NAME = "mx.sim.heron.test";
  private static final int MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

  private final SMTPServer server;

  private SmtpReceiver(SMTPServer server) {
    this.server = server;
  }

  /** Binds {@code address:port} (port 0 picks a free one) and starts accepting connections. */
  public static SmtpReceiver start(
      InetAddress address,
      int port,
      boolean startTls,
      Verdicts verdicts,
      Mailbox mailbox,
      DeliveryListener listener,
      Clock clock) {
    SMTPServer.Builder builder =
        SMTPServer.port(port)
            .bindAddress(address)
            .hostName(HOST_NAME)
            .softwareName("Heron simulator")
            .messageHandlerFactory(
                context -> new Transaction(context, verdicts, mailbox, listener, clock))
            .insertReceivedHeaders()
            .maxMessageSize(MAX_MESSAGE_BYTES)
            .maxConnections(500)
            .connectionTimeout(60, TimeUnit.SECONDS);
    if (startTls) {
      builder.enableTLS().startTlsSocketFactory(ServerTls.context());
    }
    SMTPServer server = builder.build();
    server.start();
    return new SmtpReceiver(server);
  }

  public int port() {
    return server.getPortAllocated();
  }

  @Override
  public void close() {
    server.stop();
  }
}
