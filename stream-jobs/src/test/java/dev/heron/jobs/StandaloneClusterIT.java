package dev.heron.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.WireCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How Heron runs when one machine is not enough: a standalone Flink JobManager and TaskManager,
 * each its own process started from the Maven artifacts, the cluster jar submitted with Flink's
 * command-line client, and the results read back from the database.
 */
class StandaloneClusterIT {
  private static final Duration DEADLINE = Duration.ofSeconds(120);

  /** What a cluster does not get from Heron's classpath: the cluster jar brings it. */
  private static final List<String> USER_CODE =
      List.of(
          "/dev/heron/",
          "/flink-connector-kafka",
          "/flink-connector-jdbc",
          "/kafka-clients",
          "/postgresql",
          "/com/fasterxml/jackson/");

  /** Logged by the JobManager once its REST endpoint has bound the port it chose. */
  private static final Pattern REST_PORT =
      Pattern.compile("Rest endpoint listening at 127\\.0\\.0\\.1:(\\d+)");

  /** The JobManager's RPC address, logged when its actor system has bound the port it chose. */
  private static final Pattern RPC_PORT =
      Pattern.compile("pekko\\.tcp://flink@127\\.0\\.0\\.1:(\\d+)");

  @TempDir Path work;
  private final List<Process> processes = new ArrayList<>();
  private final TestEvents events = new TestEvents();
  private final HttpClient http = HttpClient.newHttpClient();
  private int restPort;

  @AfterEach
  void stop() throws Exception {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).destroy();
      processes.get(i).waitFor();
    }
  }

  @Test
  void theClusterJarRunsOnAStandaloneClusterAndFillsTheBuckets() throws Exception {
    long start = System.currentTimeMillis();
    Path conf = writeConfig();
    String classpath = clusterClasspath();

    Process jobManager =
        launch(
            "jobmanager",
            classpath,
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
            Map.of(),
            "--configDir",
            conf.toString());
    processes.add(jobManager);
    int rpcPort = awaitPort("jobmanager", jobManager, RPC_PORT);
    restPort = awaitPort("jobmanager", jobManager, REST_PORT);
    await("the JobManager's REST endpoint", () -> get("/overview") != null);
    processes.add(
        launch(
            "taskmanager",
            classpath,
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            heronEnvironment(start),
            "--configDir",
            conf.toString(),
            "-Djobmanager.rpc.port=" + rpcPort));
    await(
        "a registered TaskManager",
        () -> String.valueOf(get("/overview")).contains("\"taskmanagers\":1"));

    Process submit =
        launch(
            "submit",
            classpath,
            "org.apache.flink.client.cli.CliFrontend",
            submitEnvironment(conf, start),
            "run",
            "-d",
            "-Drest.port=" + restPort,
            "-c",
            ClusterPipeline.class.getName(),
            clusterJar().toString());
    processes.add(submit);
    long submitted = System.currentTimeMillis();
    assertThat(submit.waitFor()).as("flink run" + logs()).isZero();
    System.out.printf("flink run took %d ms%n", System.currentTimeMillis() - submitted);
    await("the job running", () -> String.valueOf(get("/jobs/overview")).contains("\"RUNNING\""));

    produce(50);

    await("the buckets of 50 messages", () -> sum("sent") == 50 && sum("delivered") == 50);
    assertThat(count("SELECT count(*) FROM events WHERE tenant_id = ?")).isEqualTo(100);
    cancelJobs();
  }

  private Path writeConfig() throws IOException {
    Path conf = Files.createDirectories(work.resolve("conf"));
    String yaml =
        String.join(
            "\n",
            "jobmanager.rpc.address: 127.0.0.1",
            "jobmanager.bind-host: 127.0.0.1",
            // The JobManager binds ports of its own choosing, so that no other process on a shared
            // machine can take one between the test choosing it and Flink binding it. The
            // TaskManager and the client are told them; the TaskManager's own ports are ephemeral
            // by default.
            "jobmanager.rpc.port: 0",
            "rest.address: 127.0.0.1",
            "rest.bind-address: 127.0.0.1",
            "rest.bind-port: 0",
            "taskmanager.host: 127.0.0.1",
            "taskmanager.bind-host: 127.0.0.1",
            "taskmanager.numberOfTaskSlots: 2",
            "parallelism.default: 2",
            // Started without Flink's scripts, a TaskManager must be told its resources.
            "taskmanager.cpu.cores: 2",
            "taskmanager.memory.framework.heap.size: 64m",
            "taskmanager.memory.task.heap.size: 256m",
            "taskmanager.memory.managed.size: 64m",
            "taskmanager.memory.framework.off-heap.size: 64m",
            "taskmanager.memory.task.off-heap.size: 0m",
            "taskmanager.memory.network.min: 64m",
            "taskmanager.memory.network.max: 64m",
            "taskmanager.memory.jvm-metaspace.size: 256m",
            "taskmanager.memory.jvm-overhead.min: 64m",
            "taskmanager.memory.jvm-overhead.max: 64m",
            "execution.checkpointing.dir: " + work.resolve("checkpoints").toUri(),
            "execution.checkpointing.interval: 1s",
            "");
    Files.writeString(conf.resolve("config.yaml"), yaml);
    Files.writeString(
        conf.resolve("logback.xml"),
        """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
          </appender>
          <logger name="org.apache.flink.metrics.MetricGroup" level="ERROR"/>
          <root level="INFO"><appender-ref ref="OUT"/></root>
        </configuration>
        """);
    return conf;
  }

  /** The Flink runtime from the module's launch classpath, without Heron and its connectors. */
  private static String clusterClasspath() throws IOException {
    String all = Files.readString(Path.of("target", "classpath.txt")).strip();
    return String.join(
        java.io.File.pathSeparator,
        Arrays.stream(all.split(java.io.File.pathSeparator))
            .filter(entry -> USER_CODE.stream().noneMatch(entry::contains))
            .toList());
  }

  private static Path clusterJar() throws IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().endsWith("-cluster.jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no cluster jar in target/: run mvn package"));
    }
  }

  private Map<String, String> heronEnvironment(long start) {
    return Map.of(
        Settings.DB_URL, Settings.get(Settings.DB_URL),
        Settings.DB_USER, Settings.get(Settings.DB_USER),
        Settings.DB_PASSWORD, Settings.get(Settings.DB_PASSWORD),
        Settings.KAFKA_BOOTSTRAP, Settings.get(Settings.KAFKA_BOOTSTRAP),
        JobSettings.GROUP, "heron-stream-jobs-cluster-test-" + events.tenant,
        JobSettings.START_AT, Long.toString(start));
  }

  /** The client runs the pipeline's main, which builds the sources and sinks from settings. */
  private Map<String, String> submitEnvironment(Path conf, long start) {
    Map<String, String> env = new java.util.HashMap<>(heronEnvironment(start));
    env.put("FLINK_CONF_DIR", conf.toString());
    return env;
  }

  private Process launch(
      String name, String classpath, String main, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JvmOptionsFiles.arguments());
    command.add("-Xmx512m");
    command.add("-Dlogback.configurationFile=" + work.resolve("conf").resolve("logback.xml"));
    command.add("-cp");
    command.add(classpath);
    command.add(main);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    return builder
        .redirectErrorStream(true)
        .redirectOutput(work.resolve(name + ".log").toFile())
        .start();
  }

  private void produce(int messages) {
    Properties props = new Properties();
    props.put("bootstrap.servers", Settings.get(Settings.KAFKA_BOOTSTRAP));
    props.put("key.serializer", ByteArraySerializer.class.getName());
    props.put("value.serializer", ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < messages; i++) {
        UUID message = UUID.randomUUID();
        for (EventType type : List.of(EventType.SENT, EventType.DELIVERED)) {
          Event e = events.event(type, message, Instant.now());
          producer.send(
              new ProducerRecord<>(
                  Topics.EVENTS,
                  message.toString().getBytes(StandardCharsets.UTF_8),
                  WireCodec.EVENTS.encode(e)));
        }
      }
      producer.flush();
    }
  }

  private void cancelJobs() throws Exception {
    Matcher ids =
        Pattern.compile("\"jid\":\"([0-9a-f]+)\"").matcher(String.valueOf(get("/jobs/overview")));
    while (ids.find()) {
      http.send(
          HttpRequest.newBuilder(URI.create(base() + "/jobs/" + ids.group(1) + "?mode=cancel"))
              .method("PATCH", HttpRequest.BodyPublishers.noBody())
              .build(),
          HttpResponse.BodyHandlers.discarding());
    }
  }

  private String get(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base() + path))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private String base() {
    return "http://127.0.0.1:" + restPort;
  }

  private long sum(String column) {
    return count(
        "SELECT coalesce(sum(" + column + "), 0) FROM insight_buckets_hourly WHERE tenant_id = ?");
  }

  private long count(String sql) {
    try (Connection c = TestDatabase.connect();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setObject(1, events.tenant);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void await(String what, BooleanSupplier condition) throws Exception {
    long begin = System.currentTimeMillis();
    long deadline = begin + DEADLINE.toMillis();
    while (!condition.getAsBoolean()) {
      for (Process p : processes) {
        if (!p.isAlive() && p.exitValue() != 0) {
          throw new AssertionError("a cluster process exited while waiting for " + what + logs());
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("no " + what + " within " + DEADLINE + logs());
      }
      Thread.sleep(250);
    }
    System.out.printf("%s after %d ms%n", what, System.currentTimeMillis() - begin);
  }

  /**
   * The port a process names in its log once it has bound it. Fails if the process exits or the
   * deadline passes first.
   */
  private int awaitPort(String name, Process process, Pattern line) throws Exception {
    Path log = work.resolve(name + ".log");
    long deadline = System.currentTimeMillis() + DEADLINE.toMillis();
    while (true) {
      boolean exited = !process.isAlive();
      Matcher port = line.matcher(new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
      if (port.find()) {
        return Integer.parseInt(port.group(1));
      }
      if (exited) {
        throw new AssertionError(
            name + " exited (" + process.exitValue() + ") without logging " + line + logs());
      }
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError(
            "no line matching " + line + " in " + name + ".log within " + DEADLINE + logs());
      }
      Thread.sleep(250);
    }
  }

  private String logs() throws IOException {
    StringBuilder text = new StringBuilder();
    try (var files = Files.list(work)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".log")).toList()) {
        List<String> lines = Files.readAllLines(p);
        text.append("\n--- ").append(p.getFileName()).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(l -> text.append(l).append('\n'));
      }
    }
    return text.toString();
  }
}
