package dev.heron.senders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.events.Settings;
import dev.heron.senders.world.TestInfra;
import io.micronaut.context.ApplicationContext;
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

  private int startOnFreePorts() throws Exception {
    int port;
    int bounces;
    try (ServerSocket a = new ServerSocket(0);
        ServerSocket c = new ServerSocket(0)) {
      port = a.getLocalPort();
      bounces = c.getLocalPort();
    }
    set(Settings.SENDERS_PORT, Integer.toString(port));
    set(Settings.BOUNCE_PORT, Integer.toString(bounces));
    app = Application.start();
    return port;
  }

  private static HttpResponse<String> health(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
