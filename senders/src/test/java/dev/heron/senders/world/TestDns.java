package dev.heron.senders.world;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server over real UDP, built from dnsjava's wire classes: it answers the
 * records it was given, NOERROR with no answer for a known name and another type, NXDOMAIN for an
 * unknown name, and SERVFAIL for names told to fail.
 */
public final class TestDns implements AutoCloseable {
  private final DatagramSocket socket;
  private final Map<Name, List<Record>> records = new ConcurrentHashMap<>();
  private final Map<Name, Boolean> failing = new ConcurrentHashMap<>();
  private final AtomicInteger queries = new AtomicInteger();
  private final Thread thread;

  /** A server on the first free UDP port of 12600-12649 (the senders tests' share). */
  public TestDns() throws SocketException {
    socket = bindFree(12600, 12649);
    thread = new Thread(this::serve, "test-dns-" + socket.getLocalPort());
    thread.setDaemon(true);
    thread.start();
  }

  private static DatagramSocket bindFree(int first, int last) throws SocketException {
    SocketException failure = null;
    for (int port = first; port <= last; port++) {
      try {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      } catch (SocketException e) {
        failure = e;
      }
    }
    throw failure;
  }

  public String hostPort() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  public TestDns mx(String domain, int preference, String host, long ttl) {
    add(new MXRecord(name(domain), DClass.IN, ttl, preference, name(host)));
    return this;
  }

  public TestDns nullMx(String domain) {
    add(new MXRecord(name(domain), DClass.IN, 300, 0, Name.root));
    return this;
  }

  public TestDns a(String host, String address, long ttl) {
    try {
      add(new ARecord(name(host), DClass.IN, ttl, InetAddress.getByName(address)));
    } catch (IOException e) {
      throw new IllegalArgumentException(address, e);
    }
    return this;
  }

  /** Answers SERVFAIL for every query about {@code domain}. */
  public TestDns failing(String domain) {
    failing.put(name(domain), true);
    return this;
  }

  public int queries() {
    return queries.get();
  }

  private void add(Record record) {
    records.computeIfAbsent(record.getName(), n -> new CopyOnWriteArrayList<>()).add(record);
  }

  private static Name name(String text) {
    try {
      String lower = text.toLowerCase(Locale.ROOT);
      return Name.fromString(lower.endsWith(".") ? lower : lower + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private void serve() {
    byte[] buffer = new byte[4096];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        queries.incrementAndGet();
        Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
        byte[] answer = answer(query).toWire();
        socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
      }
    }
  }

  private Message answer(Message query) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setFlag(Flags.AA);
    Record question = query.getQuestion();
    response.addRecord(question, Section.QUESTION);
    Name asked = question.getName();
    if (failing.containsKey(asked)) {
      response.getHeader().setRcode(Rcode.SERVFAIL);
      return response;
    }
    List<Record> known = records.get(asked);
    if (known == null) {
      response.getHeader().setRcode(Rcode.NXDOMAIN);
      return response;
    }
    for (Record r : known) {
      if (r.getType() == question.getType() || question.getType() == Type.ANY) {
        response.addRecord(r, Section.ANSWER);
      }
    }
    return response;
  }

  @Override
  public void close() {
    socket.close();
  }
}
