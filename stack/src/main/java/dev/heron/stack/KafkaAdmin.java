package dev.heron.stack;

import dev.heron.events.Settings;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** The admin client the launcher's tools use: short timeouts, so a dead broker fails fast. */
final class KafkaAdmin {
  static Admin connect() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            Settings.get(Settings.KAFKA_BOOTSTRAP),
            AdminClientConfig.CLIENT_ID_CONFIG,
            "heron-stack",
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
            5_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
            10_000));
  }

  private KafkaAdmin() {}
}
