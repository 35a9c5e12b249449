package dev.heron.senders;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/** {@code /health} is DOWN when the delivery loop has stopped polling {@code heron.sends}. */
@Singleton
class DeliveryHealthIndicator implements HealthIndicator {
  private final DeliveryService service;

  DeliveryHealthIndicator(DeliveryService service) {
    this.service = service;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.just(
        HealthResult.builder("delivery", service.healthy() ? HealthStatus.UP : HealthStatus.DOWN)
            .build());
  }
}
