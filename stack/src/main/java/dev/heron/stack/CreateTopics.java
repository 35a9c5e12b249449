package dev.heron.stack;

import dev.heron.events.Settings;
import dev.heron.events.Topics;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates every topic of {@link Topics#all()} that the broker at {@code HERON_KAFKA_BOOTSTRAP} does
 * not have yet. Existing topics are left as they are, so running it again is harmless.
 */
public final class CreateTopics {
  /** One broker locally; a cluster's replication is its operators' business. */
  private static final short REPLICATION_FACTOR = 1;

  public static void main(String[] args) throws InterruptedException {
    try (Admin admin = KafkaAdmin.connect()) {
      Set<String> existing = admin.listTopics().names().get();
      for (Topics.Spec spec : Topics.all()) {
        String outcome = existing.contains(spec.name()) ? "exists" : create(admin, spec);
        System.out.println("topic " + spec.name() + ": " + outcome);
      }
    } catch (ExecutionException e) {
      System.err.println(
          "cannot create topics on "
              + Settings.get(Settings.KAFKA_BOOTSTRAP)
              + ": "
              + e.getCause());
      System.exit(1);
    }
  }

  private static String create(Admin admin, Topics.Spec spec)
      throws InterruptedException, ExecutionException {
    NewTopic topic =
        new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.of(REPLICATION_FACTOR))
            .configs(spec.config());
    try {
      admin.createTopics(List.of(topic)).all().get();
      return "created, partitions=" + spec.partitions() + " " + spec.config();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return "exists";
      }
      throw e;
    }
  }

  private CreateTopics() {}
}
