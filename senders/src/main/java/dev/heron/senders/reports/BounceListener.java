package dev.heron.senders.reports;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The SMTP server the return path points at: providers send late bounces and feedback reports here.
 * A report is answered 250 once its events are durable (or it is kept as unreadable); when that
 * cannot be done now, 451 asks the sender to try again, as SMTP expects.
 */
public final class BounceListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BounceListener.class);
  private static final int MAX_REPORT_BYTES = 10 * 1024 * 1024;

  private final SMTPServer server;
  private final LateReportHandler handler;

  public BounceListener(
      InetAddress bindAddress, int port, String hostName, LateReportHandler handler) {
    this.handler = handler;
    this.server =
        SMTPServer.port(port)
            .bindAddress(bindAddress)
            .hostName(hostName)
            .softwareName("Heron bounce listener")
            .maxMessageSize(MAX_REPORT_BYTES)
            .messageHandlerFactory(Transaction::new)
            .build();
  }

  public BounceListener start() {
    server.start();
    LOG.info("bounce listener on port {}", server.getPortAllocated());
    return this;
  }

  public int port() {
    return server.getPortAllocated();
  }

  @Override
  public void close() {
    server.stop();
  }

  private final class Transaction implements MessageHandler {
    private final List<String> recipients = new ArrayList<>();

    Transaction(MessageContext context) {}

    @Override
    public void from(String from) {}

    @Override
    public void recipient(String recipient) {
      recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
      byte[] raw = data.readAllBytes();
      try {
        handler.receive(raw, recipients);
        return null;
      } catch (RuntimeException e) {
        LOG.warn("a late report could not be handled now: {}", e.toString());
        throw new RejectException(451, "4.3.0 cannot take the report now, try again later");
      }
    }

    @Override
    public void done() {}
  }
}
