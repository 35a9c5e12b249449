package dev.heron.senders;

import dev.heron.senders.delivery.RetryPolicy;
import dev.heron.senders.world.TestDns;
import dev.heron.senders.world.TestInfra;
import dev.heron.senders.world.TestSmtp;
import dev.heron.simulator.RunningSimulator;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * A {@link SendersEngine} as the engine tests start it: on the test Kafka and database, serving one
 * tenant in a consumer group of its own, from 127.0.0.2, tracking links under {@value #PUBLIC_URL},
 * with the default retries, claim lease and shaping rules and no bounce listener. A test says where
 * the engine delivers and changes only what it is about.
 *
 * <p>In this package, not in {@code world}: the default claim lease is package-private here.
 */
final class TestEngine {
  static final String PUBLIC_URL = "https://track.heron.test";

  private final String instance;
  private final UUID tenant;
  private int smtpPort;
  private String dnsServer;
  private String sendingIps = "127.0.0.2";
  private String trackingSecret = "secret";
  private RetryPolicy retry = RetryPolicy.DEFAULT;
  private int bouncePort = SendersConfig.NO_LISTENER;
  private Duration claimLease = SendersSettings.DEFAULT_CLAIM_LEASE;
  private String shapingRules = "";

  private TestEngine(String instance, UUID tenant) {
    this.instance = instance;
    this.tenant = tenant;
  }

  /** An engine that claims as {@code instance} and reads only {@code tenant}'s sends. */
  static TestEngine named(String instance, UUID tenant) {
    return new TestEngine(instance, tenant);
  }

  /** Delivers to {@code smtp}, finding the exchangers in {@code dns}. */
  TestEngine deliveringTo(TestSmtp smtp, TestDns dns) {
    this.smtpPort = smtp.port();
    this.dnsServer = dns.hostPort();
    return this;
  }

  /** Delivers to the simulated providers, finding them in the simulator's DNS. */
  TestEngine deliveringTo(RunningSimulator sim) {
    this.smtpPort = sim.smtpPort();
    this.dnsServer = "127.0.0.1:" + sim.dnsPort();
    return this;
  }

  /** The comma-separated source addresses to send from. */
  TestEngine sendingFrom(String ips) {
    this.sendingIps = ips;
    return this;
  }

  /** The secret tracking links are signed with, under {@link #PUBLIC_URL}. */
  TestEngine trackingSecret(String secret) {
    this.trackingSecret = secret;
    return this;
  }

  TestEngine retrying(RetryPolicy retry) {
    this.retry = retry;
    return this;
  }

  /** A bounce listener on {@code port}; 0 for a port of its own choosing. */
  TestEngine listeningForBounces(int port) {
    this.bouncePort = port;
    return this;
  }

  TestEngine claimLease(Duration lease) {
    this.claimLease = lease;
    return this;
  }

  /** The shaping-rules file, instead of the built-in rules. */
  TestEngine shapingRules(String file) {
    this.shapingRules = file;
    return this;
  }

  private SendersConfig config() {
    if (dnsServer == null) {
      throw new IllegalStateException("say where the engine delivers: deliveringTo(..)");
    }
    return new SendersConfig(
        TestInfra.kafka(),
        smtpPort,
        dnsServer,
        sendingIps,
        PUBLIC_URL,
        trackingSecret,
        retry,
        instance,
        "heron-" + instance + "-" + tenant,
        Set.of(tenant),
        bouncePort,
        claimLease,
        shapingRules);
  }

  /** The engine, started. */
  SendersEngine start() {
    return new SendersEngine(config(), TestInfra.database()).start();
  }
}
