package dev.heron.api.spool;

import dev.heron.events.Channel;
import dev.heron.events.Event;
import dev.heron.events.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The producer side of the control API in a process of its own, for {@link SpoolCrashTest} to kill
 * -9: an {@link EventSpool} whose Kafka is unreachable takes events, says so, then waits.
 *
 * <p>Arguments: spool directory, dead bootstrap address, tenant id, message ids (comma-separated).
 */
public final class SpoolCrashChild {
  public static void main(String[] args) throws Exception {
    var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                args[1],
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                60_000),
            new StringSerializer(),
            new ByteArraySerializer());
    EventSpool spool = new EventSpool(producer, args[0]);
    UUID tenant = UUID.fromString(args[2]);
    List<Event> events = new ArrayList<>();
    for (String id : args[3].split(",")) {
      events.add(
          Event.builder(EventType.OPENED)
              .source("control-api")
              .tenantId(tenant)
              .messageId(UUID.fromString(id))
              .channel(Channel.EMAIL)
              .machineOpen(false)
              .occurredAt(Instant.now())
              .build());
    }
    // Half in one append, the rest one by one, as opens and clicks arrive.
    spool.append(events.subList(0, events.size() / 2)).join();
    for (Event event : events.subList(events.size() / 2, events.size())) {
      spool.appendDurably(event);
    }
    System.out.println("spooled " + events.size());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  private SpoolCrashChild() {}
}
