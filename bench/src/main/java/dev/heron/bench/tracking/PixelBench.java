package dev.heron.bench.tracking;

import dev.heron.events.Decoded;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import dev.heron.events.Settings;
import dev.heron.events.Topics;
import dev.heron.events.TrackingLinks;
import dev.heron.events.WireCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The data side of {@code bin/heron bench pixel}; wrk makes the requests.
 *
 * <ul>
 *   <li>{@code seed N FILE}: a tenant, a campaign and N sent messages, written to the database as
 *       the planner and senders would; their pixel paths go to FILE, one a line. Prints the tenant.
 *   <li>{@code offsets FILE}: the end offset of every partition of heron.events, before a run.
 *   <li>{@code count FILE TENANT EXPECTED SECONDS}: the OPENED events of the tenant written after
 *       those offsets, read until EXPECTED arrived and nothing more comes, or SECONDS passed.
 * </ul>
 */
public final class PixelBench {
  public static void main(String[] args) throws Exception {
    // The clients' own chatter would drown the one figure each command prints.
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.ERROR);
    switch (args.length == 0 ? "" : args[0]) {
      case "seed" -> System.out.println(seed(Integer.parseInt(args[1]), Path.of(args[2])));
      case "offsets" -> offsets(Path.of(args[1]));
      case "count" ->
          System.out.println(
              count(
                  Path.of(args[1]),
                  UUID.fromString(args[2]),
                  Long.parseLong(args[3]),
                  Duration.ofSeconds(Long.parseLong(args[4]))));
      default -> {
        System.err.println(
            "usage: PixelBench seed N FILE | offsets FILE | count FILE TENANT EXPECTED SECONDS");
        System.exit(2);
      }
    }
  }

  static UUID seed(int messages, Path paths) throws SQLException, IOException {
    UUID tenant = UUID.randomUUID();
    UUID campaign = UUID.randomUUID();
    TrackingLinks links = TrackingLinks.fromSettings();
    List<String> lines = new ArrayList<>(messages);
    try (Connection c =
        DriverManager.getConnection(
            Settings.get(Settings.DB_URL),
            Settings.get(Settings.DB_USER),
            Settings.get(Settings.DB_PASSWORD))) {
      c.setAutoCommit(false);
      try (PreparedStatement t =
              c.prepareStatement(
                  "INSERT INTO tenants (id, name, slug) VALUES (?, 'pixel bench', ?)");
          PreparedStatement k =
              c.prepareStatement(
                  "INSERT INTO campaigns (id, tenant_id, name, status) VALUES (?, ?, 'pixel bench', 'running')")) {
        t.setObject(1, tenant);
        t.setString(2, "pixel-bench-" + tenant);
        t.executeUpdate();
        k.setObject(1, campaign);
        k.setObject(2, tenant);
        k.executeUpdate();
      }
      try (PreparedStatement contact =
              c.prepareStatement("INSERT INTO contacts (id, tenant_id, email) VALUES (?, ?, ?)");
          PreparedStatement recipient =
              c.prepareStatement(
                  "INSERT INTO recipients (message_id, tenant_id, campaign_id, contact_id, channel, address, status)"
                      + " VALUES (?, ?, ?, ?, 'email', ?, 'sent')");
          PreparedStatement claim =
              c.prepareStatement(
                  "INSERT INTO message_claims (message_id, tenant_id, claimed_by, outcome,"
                      + " outcome_at, sending_ip, provider, sender_identity) VALUES (?, ?, 'bench',"
                      + " 'DELIVERED', now(), '127.0.0.2', 'gmail', 'news.heron.test')")) {
        for (int i = 0; i < messages; i++) {
          UUID contactId = UUID.randomUUID();
          UUID messageId = UUID.randomUUID();
          String address = "reader" + i + "@gmail.test";
          contact.setObject(1, contactId);
          contact.setObject(2, tenant);
          contact.setString(3, address);
          contact.addBatch();
          recipient.setObject(1, messageId);
          recipient.setObject(2, tenant);
          recipient.setObject(3, campaign);
          recipient.setObject(4, contactId);
          recipient.setString(5, address);
          recipient.addBatch();
          claim.setObject(1, messageId);
          claim.setObject(2, tenant);
          claim.addBatch();
          String url = links.openUrl(messageId);
          lines.add(url.substring(url.indexOf(TrackingLinks.OPEN_PATH)));
          if (i % 1_000 == 999 || i == messages - 1) {
            contact.executeBatch();
            recipient.executeBatch();
            claim.executeBatch();
          }
        }
      }
      c.commit();
    }
    Files.write(paths, lines, StandardCharsets.UTF_8);
    return tenant;
  }

  private static KafkaConsumer<String, byte[]> consumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            Settings.get(Settings.KAFKA_BOOTSTRAP),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            5_000),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  static void offsets(Path file) throws IOException {
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.EVENTS, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(Topics.EVENTS, p.partition()))
              .toList();
      List<String> lines = new ArrayList<>();
      consumer.endOffsets(partitions).forEach((p, o) -> lines.add(p.partition() + " " + o));
      Files.write(file, lines, StandardCharsets.UTF_8);
    }
  }

  static long count(Path offsets, UUID tenant, long expected, Duration within) throws IOException {
    Map<TopicPartition, Long> from = new HashMap<>();
    for (String line : Files.readAllLines(offsets, StandardCharsets.UTF_8)) {
      String[] parts = line.split(" ");
      from.put(
          new TopicPartition(Topics.EVENTS, Integer.parseInt(parts[0])), Long.parseLong(parts[1]));
    }
    long count = 0;
    try (KafkaConsumer<String, byte[]> consumer = consumer()) {
      consumer.assign(from.keySet());
      from.forEach(consumer::seek);
      Instant giveUp = Instant.now().plus(within);
      Instant quietUntil = null;
      while (Instant.now().isBefore(giveUp)) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<String, byte[]> record : records) {
          if (WireCodec.EVENTS.decode(record.value()) instanceof Decoded.Valid<Event> v
              && v.value().type() == EventType.OPENED
              && tenant.equals(v.value().tenantId())) {
            count++;
          }
        }
        if (count >= expected) {
          // Keep reading a little: more than expected would be a bug too.
          if (quietUntil == null) {
            quietUntil = Instant.now().plusSeconds(3);
          } else if (Instant.now().isAfter(quietUntil)) {
            break;
          }
        }
      }
    }
    return count;
  }

  private PixelBench() {}
}
