package dev.heron.senders;

import dev.heron.events.Settings;
import dev.heron.senders.delivery.RetryPolicy;
import dev.heron.senders.kafka.DeliveryLoop;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

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
 * @param claimLease how long a message claimed by a silent sender waits for its watchdog retry
 * @param shapingRules the shaping-rules file, empty for the built-in rules
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
    int bouncePort,
    Duration claimLease,
    String shapingRules) {
  public static final int NO_LISTENER = -1;

  public SendersConfig {
    if (claimLease.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("claimLease must be 1 second or more, was " + claimLease);
    }
  }

  /** With the default claim lease and the built-in shaping rules. */
  public SendersConfig(
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
    this(
        kafkaBootstrap,
        smtpPort,
        dnsServer,
        sendingIps,
        publicUrl,
        trackingSecret,
        retry,
        instance,
        consumerGroup,
        tenantScope,
        bouncePort,
        SendersSettings.DEFAULT_CLAIM_LEASE,
        "");
  }

  public SendersConfig withClaimLease(Duration lease) {
    return new SendersConfig(
        kafkaBootstrap,
        smtpPort,
        dnsServer,
        sendingIps,
        publicUrl,
        trackingSecret,
        retry,
        instance,
        consumerGroup,
        tenantScope,
        bouncePort,
        lease,
        shapingRules);
  }

  public static SendersConfig fromSettings() {
    Set<UUID> tenants = SendersSettings.tenants();
    return new SendersConfig(
        Settings.get(Settings.KAFKA_BOOTSTRAP),
        Settings.getInt(Settings.SMTP_PORT),
        Settings.get(Settings.DNS_SERVER),
        Settings.get(Settings.SENDING_IPS),
        Settings.get(Settings.PUBLIC_URL),
        Settings.get(Settings.TRACKING_SECRET),
        RetryPolicy.DEFAULT,
        defaultInstance(),
        groupFor(tenants),
        tenants,
        Settings.getInt(Settings.BOUNCE_PORT),
        SendersSettings.claimLease(),
        SendersSettings.shapingRules());
  }

  /**
   * {@value DeliveryLoop#GROUP} for the instances that serve every tenant; a group of its own for
   * an instance scoped to some tenants, so that it neither takes nor leaves others' partitions.
   */
  static String groupFor(Set<UUID> tenants) {
    if (tenants.isEmpty()) {
      return DeliveryLoop.GROUP;
    }
    return DeliveryLoop.GROUP
        + "-"
        + tenants.stream().map(UUID::toString).sorted().collect(Collectors.joining("+"));
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
