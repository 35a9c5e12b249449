package dev.heron.senders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Settings;
import dev.heron.senders.world.TestInfra;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The service as {@code bin/heron} starts it: Micronaut, the engine, and {@code /health}. */
class ApplicationTest {
  private final Map<String, String> saved = new HashMap<>();
  private ApplicationContext app;

  private void set(String key, String value) {
    saved.put(key, System.getProperty(key));
    System.setProperty(key, value);
  }

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    saved.forEach(
        (key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
  }

  @Test
  void healthIsUpWhileTheDatabaseAndKafkaAnswerAndTheLoopPolls() throws Exception {
    TestInfra.database();
    TestInfra.ensureTopics();
    // A tenant of its own: this instance reads in a group of its own, not taking others' sends.
    set(Settings.SENDERS_TENANTS, UUID.randomUUID().toString());
    set(Settings.KAFKA_BOOTSTRAP, TestInfra.kafka());
    int port = startOnFreePorts();

    HttpResponse<String> health = health(port);
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void healthIsDownWhileNoKafkaBrokerAnswers() throws Exception {
    TestInfra.database();
    int noKafka;
    try (ServerSocket b = new ServerSocket(0)) {
      noKafka = b.getLocalPort();
    }
    // No broker there: this instance must not join the shared group and take other tests' sends.
    set(Settings.KAFKA_BOOTSTRAP, "127.0.0.1:" + noKafka);
    int port = startOnFreePorts();

    HttpResponse<String> health = health(port);
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).contains("\"status\":\"DOWN\"").contains("kafka");
  }

  /** Starts on ports the servers choose themselves: Micronaut's random port, an ephemeral one. */
  private int startOnFreePorts() {
    set(Settings.SENDERS_PORT, "-1");
    set(Settings.BOUNCE_PORT, "0");
    app = Application.start();
    return app.getBean(EmbeddedServer.class).getPort();
  }

  private static HttpResponse<String> health(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
