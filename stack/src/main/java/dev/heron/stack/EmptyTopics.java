package dev.heron.stack;

import dev.heron.events.Settings;
import dev.heron.events.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

/**
 * Deletes every record of Heron's append-only topics (the compacted ones are left alone: Kafka does
 * not truncate them), so services started next begin with nothing to consume. {@code bin/heron
 * test} runs it between the module tests, which publish to the shared broker, and the end-to-end
 * tests, whose services would otherwise work through what the module tests left behind.
 */
public final class EmptyTopics {
  public static void main(String[] args) throws InterruptedException {
    try (Admin admin = KafkaAdmin.connect()) {
      List<String> names =
          Topics.all().stream()
              .filter(spec -> !"compact".equals(spec.config().get("cleanup.policy")))
              .map(Topics.Spec::name)
              .toList();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(names)
          .allTopicNames()
          .get()
          .forEach(
              (name, description) ->
                  description
                      .partitions()
                      .forEach(
                          p ->
                              latest.put(
                                  new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, RecordsToDelete> truncate = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach(
              (partition, info) ->
                  truncate.put(partition, RecordsToDelete.beforeOffset(info.offset())));
      admin.deleteRecords(truncate).all().get();
      names.forEach(name -> System.out.println("topic " + name + ": emptied"));
    } catch (ExecutionException e) {
      System.err.println(
          "cannot empty topics on " + Settings.get(Settings.KAFKA_BOOTSTRAP) + ": " + e.getCause());
      System.exit(1);
    }
  }

  private EmptyTopics() {}
}
