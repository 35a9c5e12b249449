package dev.heron.senders;

import dev.heron.events.Settings;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.reactivestreams.Publisher;

/**
 * {@code /health} is DOWN while no Kafka broker answers: a consumer without a broker polls nothing,
 * without an error, so the delivery loop alone would look healthy. (PostgreSQL has Micronaut's own
 * JDBC indicator.)
 */
@Singleton
class KafkaHealthIndicator implements HealthIndicator {
  private static final int TIMEOUT_MS = 3_000;
  private final Admin admin;

  KafkaHealthIndicator() {
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Settings.get(Settings.KAFKA_BOOTSTRAP),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "senders-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                TIMEOUT_MS));
  }

  @Override
  public Publisher<HealthResult> getResult() {
    HealthResult.Builder kafka = HealthResult.builder("kafka");
    try {
      int brokers =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
              .nodes()
              .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS)
              .size();
      kafka
          .status(brokers > 0 ? HealthStatus.UP : HealthStatus.DOWN)
          .details(Map.of("brokers", brokers));
    } catch (ExecutionException | TimeoutException e) {
      kafka.status(HealthStatus.DOWN).details(Map.of("error", String.valueOf(e.getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kafka.status(HealthStatus.DOWN).details(Map.of("error", "interrupted"));
    }
    return Publishers.just(kafka.build());
  }

  @PreDestroy
  void close() {
    admin.close();
  }
}
