package dev.heron.simulator;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free ports for this module's tests, from the range 12700-12799 that is reserved for them, free
 * for both TCP and UDP on 127.0.0.1 at the time of asking.
 */
public final class TestPorts {
  private static final int FIRST = 12_700;
  private static final int LAST = 12_799;
  // Start at a different place in each JVM so that two runs at once rarely race for a port.
  private static final AtomicInteger NEXT =
      new AtomicInteger((int) (ProcessHandle.current().pid() % (LAST - FIRST + 1)));

  private TestPorts() {}

  public static int free() {
    for (int tries = 0; tries <= LAST - FIRST; tries++) {
      int port = FIRST + Math.floorMod(NEXT.getAndIncrement(), LAST - FIRST + 1);
      if (isFree(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + FIRST + "-" + LAST);
  }

  private static boolean isFree(int port) {
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    try (ServerSocket tcp = new ServerSocket()) {
      tcp.setReuseAddress(false);
      tcp.bind(address);
      try (DatagramSocket udp = new DatagramSocket(address)) {
        return true;
      }
    } catch (IOException e) {
      return false;
    }
  }
}
