package dev.heron.stack;

import dev.heron.events.Settings;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Prints the topic names of the broker at {@code HERON_KAFKA_BOOTSTRAP}, one a line; exits non-zero
 * when the broker does not answer. The launcher's Kafka health check.
 */
public final class ListTopics {
  public static void main(String[] args) throws InterruptedException {
    try (Admin admin = KafkaAdmin.connect()) {
      new TreeSet<>(admin.listTopics().names().get()).forEach(System.out::println);
    } catch (ExecutionException e) {
      System.err.println(
          "cannot list topics on " + Settings.get(Settings.KAFKA_BOOTSTRAP) + ": " + e.getCause());
      System.exit(1);
    }
  }

  private ListTopics() {}
}
