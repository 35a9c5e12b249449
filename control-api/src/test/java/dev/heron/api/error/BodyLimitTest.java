package dev.heron.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.ApiTestSupport;
import dev.heron.api.HeronProperties;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request body limit over real HTTP, on a raw socket so that what is sent (and what is never
 * sent) is exact: a body whose Content-Length is over the limit is refused before any of it
 * arrives; a chunked body is refused once it passes the limit, before it ends; bodies under it go
 * on to the endpoint.
 */
@MicronautTest(transactional = false)
class BodyLimitTest extends ApiTestSupport {
  private static final int READ_TIMEOUT_MS = 20_000;
  private static final int CHUNK = 64 * 1024;

  @Inject EmbeddedServer server;
  private String key;

  @BeforeAll
  void tenant() {
    key = newTenant().apiKey();
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBodyIsSent() throws IOException {
    try (Socket socket = connect()) {
      socket
          .getOutputStream()
          .write(head("Content-Length: " + (HeronProperties.MAX_BODY_BYTES + 1)));
      socket.getOutputStream().flush();
      // Not one byte of the body follows: only a refusal by the length can answer.

      String response = readResponse(socket.getInputStream());

      assertThat(response).startsWith("HTTP/1.1 413");
      assertThat(bodyOf(response))
          .contains("\"field\":\"body\"")
          .contains("larger than the " + HeronProperties.MAX_BODY_BYTES + " bytes");
    }
  }

  @Test
  void aChunkedBodyIsRefusedOnceItPassesTheLimitBeforeItEnds() throws Exception {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head("Transfer-Encoding: chunked"));
      CompletableFuture<Void> sending =
          CompletableFuture.runAsync(
              () -> {
                byte[] chunk = chunk(CHUNK);
                try {
                  out.write(chunkOf("{\"name\":\""));
                  // Past the limit by a few chunks, and never the last chunk that would end it.
                  for (long sent = 0; sent <= HeronProperties.MAX_BODY_BYTES + 4L * CHUNK; ) {
                    out.write(chunk);
                    sent += CHUNK;
                  }
                  out.flush();
                } catch (IOException refusedMidway) {
                  // the server may stop reading once it has refused
                }
              });

      String response = readResponse(socket.getInputStream());

      assertThat(response).startsWith("HTTP/1.1 413");
      assertThat(bodyOf(response))
          .contains("\"field\":\"body\"")
          .contains(String.valueOf(HeronProperties.MAX_BODY_BYTES));
      sending.cancel(true);
    }
  }

  @Test
  void aChunkedBodyUnderTheLimitReachesTheEndpointWithItsFieldNamed() throws IOException {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head("Transfer-Encoding: chunked"));
      out.write(chunkOf("{\"name\": {\"nested\""));
      out.write(chunkOf(": [1]}}"));
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String response = readResponse(socket.getInputStream());

      assertThat(response).startsWith("HTTP/1.1 400");
      assertThat(bodyOf(response))
          .contains("\"field\":\"name\"")
          .contains("a text was expected, not an object");
    }
  }

  @Test
  void aLargeChunkedBodyUnderTheLimitIsJudgedByTheEndpoint() throws IOException {
    String name = "x".repeat(3 * KeptJsonBody.MAX_KEPT_BYTES);
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(head("Transfer-Encoding: chunked"));
      out.write(chunkOf("{\"name\": \"" + name + "\"}"));
      out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String response = readResponse(socket.getInputStream());

      assertThat(response).startsWith("HTTP/1.1 400");
      assertThat(bodyOf(response)).contains("\"field\":\"name\"");
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(server.getHost(), server.getPort());
    socket.setSoTimeout(READ_TIMEOUT_MS);
    return socket;
  }

  private byte[] head(String framing) {
    return ("POST /api/lists HTTP/1.1\r\n"
            + "Host: "
            + server.getHost()
            + "\r\n"
            + "Authorization: Bearer "
            + key
            + "\r\n"
            + "Content-Type: application/json\r\n"
            + framing
            + "\r\n"
            + "Connection: close\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** One chunk of {@code size} letters, framed. */
  private static byte[] chunk(int size) {
    byte[] letters = new byte[size];
    Arrays.fill(letters, (byte) 'x');
    return chunkOf(new String(letters, StandardCharsets.US_ASCII));
  }

  private static byte[] chunkOf(String text) {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream framed = new ByteArrayOutputStream(data.length + 16);
    framed.writeBytes(
        (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    framed.writeBytes(data);
    framed.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    return framed.toByteArray();
  }

  /** The response up to the end of its body (the server closes the connection after it). */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        read.write(buffer, 0, n);
        String text = read.toString(StandardCharsets.UTF_8);
        if (text.contains("\r\n\r\n") && complete(text)) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "no complete response within " + READ_TIMEOUT_MS + " ms: " + read, e);
    } catch (IOException reset) {
      // a connection reset after the response was written: what was read is the answer
    }
    return read.toString(StandardCharsets.UTF_8);
  }

  private static boolean complete(String response) {
    String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
    int at = head.indexOf("content-length:");
    if (at < 0) {
      return false;
    }
    int end = head.indexOf("\r\n", at);
    int length = Integer.parseInt(head.substring(at + 15, end < 0 ? head.length() : end).trim());
    return bodyOf(response).getBytes(StandardCharsets.UTF_8).length >= length;
  }

  private static String bodyOf(String response) {
    return response.substring(response.indexOf("\r\n\r\n") + 4);
  }
}
