package dev.heron.bench.model;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A module's {@code main} in a JVM of its own, from {@code <module>/target/classes} and {@code
 * <module>/target/classpath.txt}, as {@code bin/heron} starts services: a stream job on the local
 * MiniCluster its {@code getExecutionEnvironment()} gives (with the JVM options Flink needs), or
 * the senders.
 */
final class JobProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private JobProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static JobProcess start(Path repo, String mainClass, Map<String, String> settings, Path log)
      throws IOException {
    List<String> options = new ArrayList<>();
    for (String line :
        Files.readAllLines(repo.resolve("stream-jobs/src/main/resources/heron-jvm.options"))) {
      if (!line.isBlank() && !line.strip().startsWith("#")) {
        options.add(line.strip());
      }
    }
    return start(repo, "stream-jobs", mainClass, "-Xmx768m", options, settings, log);
  }

  /** {@code mainClass} of {@code moduleName}, with {@code heap} and JVM {@code options}. */
  static JobProcess start(
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
    command.addAll(options);
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
    return new JobProcess(builder.start(), log);
  }

  /** Waits until {@code GET /health} on {@code port} answers 200; fails at the deadline. */
  void awaitHealthy(int port, java.time.Duration timeout) throws InterruptedException {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.URI health = java.net.URI.create("http://127.0.0.1:" + port + "/health");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      requireAlive();
      try {
        if (http.send(
                    java.net.http.HttpRequest.newBuilder(health)
                        .timeout(java.time.Duration.ofSeconds(2))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "not healthy on :" + port + " after " + timeout + "; see " + log);
  }

  /** Fails with the log's name once the job's JVM has ended on its own. */
  void requireAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the job exited with " + process.exitValue() + "; see " + log);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
