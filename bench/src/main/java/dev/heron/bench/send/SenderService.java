package dev.heron.bench.send;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The senders service under test, in a JVM of its own started as {@code bin/heron} starts it: 512
 * MB of heap, {@code senders/target/classes} and {@code senders/target/classpath.txt}.
 */
final class SenderService implements AutoCloseable {
  static final String HEAP = "-Xmx512m";
  private final Process process;
  private final int port;
  private final Path log;

  private SenderService(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static SenderService start(Path repo, Map<String, String> settings, Path log, Duration timeout)
      throws IOException, InterruptedException {
    Path module = repo.resolve("senders");
    Path classpath = module.resolve("target/classpath.txt");
    if (!Files.isRegularFile(classpath)) {
      throw new IllegalStateException(classpath + " is missing: mvn -pl senders -am package");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(HEAP);
    // As bin/heron does: HERON_JAVA_OPTS adds JVM options (a profiler, say).
    String extra = System.getenv("HERON_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.strip().split("\\s+")));
    }
    command.add("-cp");
    command.add(
        module.resolve("target/classes").toAbsolutePath()
            + java.io.File.pathSeparator
            + Files.readString(classpath).strip());
    command.add("dev.heron.senders.Application");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(settings);
    builder.environment().put("HERON_SENDERS_PORT", Integer.toString(port));
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    SenderService service = new SenderService(builder.start(), port, log);
    Instant deadline = Instant.now().plus(timeout);
    while (!service.healthy()) {
      if (!service.process.isAlive() || Instant.now().isAfter(deadline)) {
        service.close();
        throw new IllegalStateException("the sender did not become healthy; see " + log);
      }
      Thread.sleep(250);
    }
    return service;
  }

  long pid() {
    return process.pid();
  }

  /** CPU seconds the sender's process has used so far. */
  double cpuSeconds() {
    return process
        .toHandle()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  private boolean healthy() {
    try {
      return HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  Path log() {
    return log;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
