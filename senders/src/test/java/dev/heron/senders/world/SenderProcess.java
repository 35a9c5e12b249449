package dev.heron.senders.world;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A senders service in a JVM of its own, started the way {@code bin/heron} starts it: {@code java
 * -Xmx512m -cp target/classes:$(cat target/classpath.txt) dev.heron.senders.Application} with its
 * settings in the environment. Needs the module packaged (a failsafe {@code *IT} runs after that).
 */
public final class SenderProcess implements AutoCloseable {
  private static final String MAIN = "dev.heron.senders.Application";

  /**
   * Micronaut's start-up line, naming the port its server bound ({@code HERON_SENDERS_PORT=-1}).
   */
  private static final Pattern PORT_LINE =
      Pattern.compile("Server Running: http://[^\\s:/]+:(\\d+)");

  private final Process process;
  private final int port;
  private final Path log;

  private SenderProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the service with {@code settings} added to this JVM's environment, and waits until its
   * {@code /health} is UP.
   */
  public static SenderProcess start(Map<String, String> settings, Path log, Duration timeout)
      throws IOException, InterruptedException {
    Path module = Path.of(System.getProperty("basedir", "."));
    Path classpath = module.resolve("target/classpath.txt");
    if (!Files.isRegularFile(classpath)) {
      throw new IllegalStateException(
          classpath + " is missing: package the module first (mvn -pl senders package)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    // What a killed sender leaves in java.io.tmpdir (the compression codec's library) stays next to
    // its log.
    command.add(
        "-Djava.io.tmpdir="
            + Files.createDirectories(log.toAbsolutePath().getParent().resolve("tmp")));
    // The options of every Heron JVM, as bin/heron gives its services: an argument file.
    command.add("@" + module.resolve("../jvm.options").toAbsolutePath().normalize());
    command.add("-cp");
    command.add(
        module.resolve("target/classes").toAbsolutePath()
            + java.io.File.pathSeparator
            + Files.readString(classpath).strip());
    command.add(MAIN);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(settings);
    // The server chooses its port and logs it (a port found free here could be taken meanwhile).
    builder.environment().put("HERON_SENDERS_PORT", "-1");
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    Instant deadline = Instant.now().plus(timeout);
    Process process = builder.start();
    SenderProcess started =
        new SenderProcess(process, awaitPort(process, log, logStart, deadline), log);
    started.awaitHealthy(Duration.between(Instant.now(), deadline));
    return started;
  }

  /** The port this start logged ("Server Running: http://host:N"), read past {@code logStart}. */
  private static int awaitPort(Process process, Path log, long logStart, Instant deadline)
      throws IOException, InterruptedException {
    while (true) {
      String written = Files.exists(log) ? readFrom(log, logStart) : "";
      Matcher port = PORT_LINE.matcher(written);
      if (port.find()) {
        return Integer.parseInt(port.group(1));
      }
      boolean alive = process.isAlive();
      if (!alive || Instant.now().isAfter(deadline)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            (alive ? "the sender process logged no port in time" : "the sender process exited")
                + "; its log: "
                + written.substring(Math.max(0, written.length() - 4000)));
      }
      Thread.sleep(100);
    }
  }

  private static String readFrom(Path log, long offset) throws IOException {
    byte[] all = Files.readAllBytes(log);
    int from = (int) Math.min(offset, all.length);
    return new String(all, from, all.length - from, StandardCharsets.UTF_8);
  }

  public long pid() {
    return process.pid();
  }

  /** Whether {@code /health} answers 200 now. */
  public boolean healthy() {
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

  private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (!healthy()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the sender process exited with " + process.exitValue() + "; its log: " + tail());
      }
      if (Instant.now().isAfter(deadline)) {
        close();
        throw new IllegalStateException(
            "the sender process was not healthy after " + timeout + "; its log: " + tail());
      }
      Thread.sleep(200);
    }
  }

  /** SIGKILL: no shutdown hook, no last flush, sockets dropped by the kernel. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** The end of its log. */
  public String tail() throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Stops it as {@code bin/heron down} does (SIGTERM), or kills it when that takes too long. */
  @Override
  public void close() throws InterruptedException {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
