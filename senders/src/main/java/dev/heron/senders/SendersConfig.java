package dev.heron.senders;

import dev.heron.events.Settings;
import dev.heron.senders.delivery.RetryPolicy;
import dev.heron.senders.kafka.DeliveryLoop;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.UUID;

/**
 * What a senders instance needs to know, read from {@link Settings}.
 *
 * @param smtpPort the port of recipients' exchangers (25 in production, the simulator's locally)
 * @param dnsServer {@code host:port} for MX look-ups, blank for the system's resolvers
 * @param sendingIps comma-separated source addresses used when {@code sending_ips} has none here
 * @param instance this process's name in claims and Kafka client ids
 * @param consumerGroup the Kafka consumer group on {@code heron.sends}
 * @param tenantScope the tenants served, empty for all (see {@link DeliveryLoop})
 * @param bouncePort where the listener for late bounces and complaints listens; {@link
 *     #NO_LISTENER} for none, 0 for any free port
 */
public record SendersConfig(
    String kafkaBootstrap,
    int smtpPort,
    String dnsServer,
    String sendingIps,
    String publicUrl,
    String trackingSecret,
    RetryPolicy retry,
    String instance,
    String consumerGroup,
    Set<UUID> tenantScope,
    int bouncePort) {
  public static final int NO_LISTENER = -1;

  public static SendersConfig fromSettings() {
    return new SendersConfig(
        Settings.get(Settings.KAFKA_BOOTSTRAP),
        Settings.getInt(Settings.SMTP_PORT),
        Settings.get(Settings.DNS_SERVER),
        Settings.get(Settings.SENDING_IPS),
        Settings.get(Settings.PUBLIC_URL),
        Settings.get(Settings.TRACKING_SECRET),
        RetryPolicy.DEFAULT,
        defaultInstance(),
        DeliveryLoop.GROUP,
        Set.of(),
        Settings.getInt(Settings.BOUNCE_PORT));
  }

  /** {@code senders@host:pid}: unique among running instances, readable in a claim. */
  public static String defaultInstance() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return "senders@" + host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
  }
}
