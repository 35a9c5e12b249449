package dev.heron.simulator.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server for the simulated world, over UDP and, for answers too large for a
 * datagram (long DKIM keys), over TCP on the same port. Queries and answers are dnsjava wire
 * messages; one thread serves UDP in order, which is plenty for a local world whose clients cache.
 */
public final class DnsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DnsServer.class);
  private static final int PLAIN_UDP_LIMIT = 512;
  private static final int MAX_DATAGRAM = 4096;

  private static final int TCP_IDLE_MILLIS = 10_000;

  private final DnsZones zones;
  private final DatagramSocket socket;
  private final ServerSocket tcp;
  private final Thread thread;
  private final Thread tcpThread;
  private final ExecutorService tcpConnections;

  private DnsServer(DnsZones zones, DatagramSocket socket, ServerSocket tcp) {
    this.zones = zones;
    this.socket = socket;
    this.tcp = tcp;
    this.thread = new Thread(this::serve, "sim-dns-" + socket.getLocalPort());
    this.thread.setDaemon(true);
    this.tcpThread = new Thread(this::serveTcp, "sim-dns-tcp-" + socket.getLocalPort());
    this.tcpThread.setDaemon(true);
    this.tcpConnections =
        Executors.newFixedThreadPool(
            4,
            runnable -> {
              Thread connection = new Thread(runnable, "sim-dns-tcp-connection");
              connection.setDaemon(true);
              return connection;
            });
  }

  /**
   * Binds UDP and TCP on {@code address:port} (port 0 picks one free for both) and starts
   * answering.
   */
  public static DnsServer start(DnsZones zones, InetAddress address, int port) throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < (port == 0 ? 5 : 1); attempt++) {
      DatagramSocket socket = new DatagramSocket(null);
      try {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(address, port));
        ServerSocket tcp = new ServerSocket();
        try {
          tcp.bind(new InetSocketAddress(address, socket.getLocalPort()));
        } catch (IOException taken) {
          tcp.close();
          throw taken;
        }
        DnsServer server = new DnsServer(zones, socket, tcp);
        server.thread.start();
        server.tcpThread.start();
        return server;
      } catch (IOException e) {
        socket.close();
        last = e;
      }
    }
    throw new IOException("cannot bind DNS on " + address.getHostAddress() + ":" + port, last);
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** The response to one query, as dnsjava builds it; exposed for unit tests. */
  public static Message respond(DnsZones zones, Message query) {
    Header header = new Header(query.getHeader().getID());
    header.setFlag(Flags.QR);
    if (query.getHeader().getFlag(Flags.RD)) {
      header.setFlag(Flags.RD);
    }
    header.setOpcode(query.getHeader().getOpcode());
    Message response = new Message();
    response.setHeader(header);
    Record question = query.getQuestion();
    if (question != null) {
      response.addRecord(question, Section.QUESTION);
    }
    if (query.getHeader().getOpcode() != Opcode.QUERY) {
      header.setRcode(Rcode.NOTIMP);
      return response;
    }
    if (question == null || query.getHeader().getCount(Section.QUESTION) != 1) {
      header.setRcode(Rcode.FORMERR);
      return response;
    }
    header.setFlag(Flags.AA);
    DnsZones.Answer answer = zones.answer(question.getName(), question.getType());
    header.setRcode(answer.rcode());
    answer.answers().forEach(r -> response.addRecord(r, Section.ANSWER));
    answer.authority().forEach(r -> response.addRecord(r, Section.AUTHORITY));
    if (query.getOPT() != null) {
      response.addRecord(new OPTRecord(MAX_DATAGRAM, 0, 0), Section.ADDITIONAL);
    }
    return response;
  }

  private void serve() {
    byte[] buffer = new byte[MAX_DATAGRAM];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        LOG.warn("dns: receive failed: {}", e.getMessage());
        continue;
      }
      byte[] reply = replyTo(packet);
      if (reply != null) {
        try {
          socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
        } catch (IOException e) {
          LOG.warn("dns: cannot answer {}: {}", packet.getSocketAddress(), e.getMessage());
        }
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      try {
        Socket connection = tcp.accept();
        tcpConnections.execute(() -> answerTcp(connection));
      } catch (IOException closed) {
        return;
      } catch (RejectedExecutionException stopping) {
        return;
      }
    }
  }

  /** RFC 1035 §4.2.2: each message is preceded by its two-byte length. */
  private void answerTcp(Socket connection) {
    try (connection;
        DataInputStream in = new DataInputStream(connection.getInputStream());
        DataOutputStream out = new DataOutputStream(connection.getOutputStream())) {
      connection.setSoTimeout(TCP_IDLE_MILLIS);
      while (true) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException done) {
          return;
        }
        byte[] query = in.readNBytes(length);
        if (query.length < length) {
          return;
        }
        byte[] reply = replyTo(query, Message.MAXLENGTH);
        if (reply != null) {
          out.writeShort(reply.length);
          out.write(reply);
          out.flush();
        }
      }
    } catch (IOException e) {
      LOG.debug("dns: tcp connection ended: {}", e.getMessage());
    }
  }

  private byte[] replyTo(DatagramPacket packet) {
    return replyTo(Arrays.copyOf(packet.getData(), packet.getLength()), -1);
  }

  /** The wire answer to {@code data}; {@code limit} -1 means the UDP limit the query allows. */
  private byte[] replyTo(byte[] data, int limit) {
    Message query;
    try {
      query = new Message(data);
    } catch (IOException unparseable) {
      return formatError(data);
    }
    Message response = respond(zones, query);
    OPTRecord opt = query.getOPT();
    int max =
        limit >= 0
            ? limit
            : Math.min(
                MAX_DATAGRAM,
                opt == null ? PLAIN_UDP_LIMIT : Math.max(PLAIN_UDP_LIMIT, opt.getPayloadSize()));
    Record question = query.getQuestion();
    if (question != null) {
      LOG.debug(
          "dns: {} {} -> {} ({} answers)",
          question.getName(),
          Type.string(question.getType()),
          Rcode.string(response.getRcode()),
          response.getSection(Section.ANSWER).size());
    }
    // toWire(limit) truncates and sets TC when the answer does not fit, as RFC 1035 asks.
    return response.toWire(max);
  }

  /** FORMERR for a message whose header parses but whose body does not; silence otherwise. */
  private static byte[] formatError(byte[] data) {
    if (data.length < Header.LENGTH) {
      return null;
    }
    try {
      Header header = new Header(Arrays.copyOf(data, Header.LENGTH));
      Header reply = new Header(header.getID());
      reply.setFlag(Flags.QR);
      reply.setOpcode(header.getOpcode());
      reply.setRcode(Rcode.FORMERR);
      Message message = new Message();
      message.setHeader(reply);
      return message.toWire();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    socket.close();
    try {
      tcp.close();
    } catch (IOException e) {
      LOG.debug("dns: closing tcp: {}", e.getMessage());
    }
    tcpConnections.shutdownNow();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
