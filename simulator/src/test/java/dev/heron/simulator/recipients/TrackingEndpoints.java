package dev.heron.simulator.recipients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.heron.events.TrackingLinks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the control API's tracking endpoints in these tests: verifies the signed tokens
 * with the real {@link TrackingLinks}, answers a pixel with 200, a click with a 302 to a landing
 * page on this same server (so a followed redirect would show), and a one-click unsubscribe with
 * 200.
 */
final class TrackingEndpoints implements AutoCloseable {
  static final String SECRET = "test-tracking-secret";

  record Hit(String method, String path, String userAgent, String body, TrackingLinks.Kind kind) {}

  private final HttpServer server;
  private final TrackingLinks links;
  private final List<Hit> hits = new CopyOnWriteArrayList<>();

  TrackingEndpoints(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    links = new TrackingLinks("http://127.0.0.1:" + port, SECRET);
    server.createContext(
        TrackingLinks.OPEN_PATH,
        e -> answer(e, TrackingLinks.Kind.OPEN, TrackingLinks.OPEN_PATH, 200));
    server.createContext(
        TrackingLinks.CLICK_PATH,
        e -> answer(e, TrackingLinks.Kind.CLICK, TrackingLinks.CLICK_PATH, 302));
    server.createContext(
        TrackingLinks.UNSUBSCRIBE_PATH,
        e -> answer(e, TrackingLinks.Kind.UNSUBSCRIBE, TrackingLinks.UNSUBSCRIBE_PATH, 200));
    server.createContext("/landing", e -> answer(e, null, "/landing", 200));
    server.start();
  }

  TrackingLinks links() {
    return links;
  }

  List<Hit> hits() {
    return List.copyOf(hits);
  }

  private void answer(HttpExchange exchange, TrackingLinks.Kind kind, String prefix, int status)
      throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.US_ASCII);
    boolean valid = kind == null || links.verify(path.substring(prefix.length()), kind).isPresent();
    hits.add(
        new Hit(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestHeaders().getFirst("User-Agent"),
            body,
            kind));
    if (!valid) {
      exchange.sendResponseHeaders(404, -1);
    } else if (status == 302) {
      exchange
          .getResponseHeaders()
          .add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/landing");
      exchange.sendResponseHeaders(302, -1);
    } else {
      exchange.sendResponseHeaders(status, -1);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
