package dev.heron.bench;

import dev.heron.events.Settings;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A module's {@code main} in a JVM of its own, from {@code <module>/target/classes} and {@code
 * <module>/target/classpath.txt}, as {@code bin/heron} starts services (with {@code
 * HERON_JAVA_OPTS} added, for a profiler say): a stream job on the local MiniCluster its {@code
 * getExecutionEnvironment()} gives, or the senders service.
 */
public final class ModuleProcess implements AutoCloseable {
  /** The senders' heap, as {@code bin/heron} gives it. */
  public static final String SENDERS_HEAP = "-Xmx512m";

  /** Micronaut's start-up line, naming the port its server bound. */
  private static final Pattern HEALTH_PORT =
      Pattern.compile("Server Running: http://[^\\s:/]+:(\\d+)");

  private final Process process;
  private final Path log;

  private ModuleProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** A stream job's {@code mainClass}, with the JVM options Flink needs. */
  public static ModuleProcess streamJob(
      Path repo, String mainClass, Map<String, String> settings, Path log) throws IOException {
    Path own = repo.resolve("stream-jobs/src/main/resources/heron-jvm.options").toAbsolutePath();
    return start(repo, "stream-jobs", mainClass, "-Xmx768m", List.of("@" + own), settings, log);
  }

  /**
   * What a benchmark's senders process needs: this environment's database and broker, its own home,
   * the simulator's SMTP and DNS, no bounce listener, one tenant, and a shaping-rules file.
   */
  public static Map<String, String> sendersSettings(
      Path home, int smtpPort, int dnsPort, UUID tenant, Path shapingRules) {
    Map<String, String> settings = new HashMap<>();
    for (String key :
        List.of(
            Settings.DB_URL, Settings.DB_USER, Settings.DB_PASSWORD, Settings.KAFKA_BOOTSTRAP)) {
      settings.put(key, Settings.get(key));
    }
    settings.put(Settings.HOME, home.toString());
    settings.put(Settings.SMTP_PORT, Integer.toString(smtpPort));
    settings.put(Settings.DNS_SERVER, "127.0.0.1:" + dnsPort);
    settings.put(Settings.BOUNCE_PORT, "0");
    settings.put(Settings.SENDERS_TENANTS, tenant.toString());
    settings.put(Settings.SHAPING_RULES, shapingRules.toString());
    return settings;
  }

  /**
   * The senders service on a port of its own choosing ({@code HERON_SENDERS_PORT=-1}, read from
   * Micronaut's "Server Running: http://host:N" log line), returned once its {@code /health}
   * answers 200.
   */
  public static ModuleProcess senders(
      Path repo, Map<String, String> settings, Path log, Duration timeout)
      throws IOException, InterruptedException {
    Map<String, String> anyPort = new HashMap<>(settings);
    anyPort.put(Settings.SENDERS_PORT, "-1");
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    ModuleProcess senders =
        start(
            repo,
            "senders",
            "dev.heron.senders.Application",
            SENDERS_HEAP,
            List.of(),
            anyPort,
            log);
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      senders.awaitHealthy(senders.awaitLoggedPort(logStart, deadline), deadline);
    } catch (IOException | RuntimeException | InterruptedException e) {
      senders.close();
      throw e;
    }
    return senders;
  }

  private static ModuleProcess start(
      Path repo,
      String moduleName,
      String mainClass,
      String heap,
      List<String> options,
      Map<String, String> settings,
      Path log)
      throws IOException {
    Path module = repo.resolve(moduleName);
    Path classpath = module.resolve("target/classpath.txt");
    if (!Files.isRegularFile(classpath)) {
      throw new IllegalStateException(
          classpath + " is missing: mvn -pl " + moduleName + " -am install");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(heap);
    // The options of every Heron JVM, then the module's own: argument files, which the java
    // launcher reads itself (# lines are comments).
    command.add("@" + repo.resolve("jvm.options").toAbsolutePath());
    command.addAll(options);
    // As bin/heron does: what the JVM leaves in java.io.tmpdir stays in its home.
    Path home = Path.of(settings.getOrDefault(Settings.HOME, Settings.get(Settings.HOME)));
    command.add(
        "-Djava.io.tmpdir=" + Files.createDirectories(home.resolve("tmp")).toAbsolutePath());
    String extra = System.getenv("HERON_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.strip().split("\\s+")));
    }
    command.add("-cp");
    command.add(
        module.resolve("target/classes").toAbsolutePath()
            + File.pathSeparator
            + Files.readString(classpath).strip());
    command.add(mainClass);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(settings);
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ModuleProcess(builder.start(), log);
  }

  /** The port the service logged ("Server Running: http://host:N") past {@code logStart}. */
  private int awaitLoggedPort(long logStart, long deadline)
      throws IOException, InterruptedException {
    while (System.nanoTime() < deadline) {
      requireAlive();
      byte[] all = Files.readAllBytes(log);
      int from = (int) Math.min(logStart, all.length);
      Matcher line =
          HEALTH_PORT.matcher(new String(all, from, all.length - from, StandardCharsets.UTF_8));
      if (line.find()) {
        return Integer.parseInt(line.group(1));
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("no \"Server Running\" line in time; see " + log);
  }

  /** Waits until {@code GET /health} on {@code port} answers 200; fails at the deadline. */
  private void awaitHealthy(int port, long deadline) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    URI health = URI.create("http://127.0.0.1:" + port + "/health");
    while (System.nanoTime() < deadline) {
      requireAlive();
      try {
        if (http.send(
                    HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("not healthy on :" + port + " in time; see " + log);
  }

  /** Fails with the log's name once the JVM has ended on its own. */
  public void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the process exited with " + process.exitValue() + "; see " + log);
    }
  }

  /** CPU seconds the process has used so far. */
  public double cpuSeconds() {
    return CpuTime.ofProcess(process.toHandle());
  }

  public Path log() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
