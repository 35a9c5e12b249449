package dev.heron.api.kafka;

import dev.heron.events.Settings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The service's one Kafka producer, shared by the dispatcher and the tracking endpoints: idempotent
 * and acknowledged by all in-sync replicas, so an acknowledged record is not lost and a retried one
 * is not written twice.
 */
@Factory
class KafkaProducerFactory {
  @Singleton
  @Bean(preDestroy = "close")
  Producer<String, byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            Settings.get(Settings.KAFKA_BOOTSTRAP),
            ProducerConfig.CLIENT_ID_CONFIG,
            "control-api",
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            // Fail a send instead of blocking a request thread for a minute when Kafka is away.
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            30_000,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000),
        new StringSerializer(),
        new ByteArraySerializer());
  }
}
