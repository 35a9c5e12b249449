package dev.heron.senders.world;

import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.sql.Migrations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The real PostgreSQL and Kafka the tests run against, named by the {@code HERON_DB_*} and {@code
 * HERON_KAFKA_BOOTSTRAP} settings. The database is migrated and the topics created when missing;
 * neither is assumed empty.
 */
public final class TestInfra {
  private static DataSource dataSource;
  private static boolean topicsReady;

  public static synchronized DataSource database() {
    if (dataSource == null) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(Settings.get(Settings.DB_URL));
      ds.setUser(Settings.get(Settings.DB_USER));
      ds.setPassword(Settings.get(Settings.DB_PASSWORD));
      Migrations.apply(ds);
      dataSource = ds;
    }
    return dataSource;
  }

  public static String kafka() {
    return Settings.get(Settings.KAFKA_BOOTSTRAP);
  }

  /** A producer on {@link #kafka()} of string keys and the encoded values every topic carries. */
  public static KafkaProducer<String, byte[]> producer() {
    return producer(Map.of());
  }

  /** The same, with {@code settings} ({@link ProducerConfig} keys) added to the bootstrap. */
  public static KafkaProducer<String, byte[]> producer(Map<String, Object> settings) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  public static synchronized void ensureTopics() throws InterruptedException {
    if (topicsReady) {
      return;
    }
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()))) {
      for (Topics.Spec spec : Topics.all()) {
        try {
          admin
              .createTopics(
                  List.of(
                      new NewTopic(spec.name(), spec.partitions(), (short) 1)
                          .configs(spec.config())))
              .all()
              .get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + spec.name(), e.getCause());
          }
        }
      }
    }
    topicsReady = true;
  }

  private TestInfra() {}
}
