package dev.heron.simulator.reports;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/** A plain SMTP server standing in for the senders' bounce listener: it keeps what it receives. */
final class BounceListenerStandIn implements AutoCloseable {
  record Received(String envelopeFrom, String recipient, byte[] data) {}

  private final SMTPServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  BounceListenerStandIn(int port) {
    server =
        SMTPServer.port(port)
            .bindAddress(InetAddress.getLoopbackAddress())
            .simpleMessageListener(
                new SimpleMessageListener() {
                  @Override
                  public boolean accept(String from, String recipient) {
                    return true;
                  }

                  @Override
                  public void deliver(String from, String recipient, InputStream data)
                      throws IOException {
                    received.add(new Received(from, recipient, data.readAllBytes()));
                  }
                })
            .build();
    server.start();
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop();
  }
}
