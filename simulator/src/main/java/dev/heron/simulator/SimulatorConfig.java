package dev.heron.simulator;

import dev.heron.events.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to run the simulator.
 *
 * @param bindAddress where the SMTP and DNS servers listen (127.0.0.1 locally)
 * @param smtpPort the SMTP port; 0 picks a free one
 * @param dnsPort the DNS (UDP) port; 0 picks a free one
 * @param home the state directory: mail under {@code sim/mail}, journals under {@code sim}, extra
 *     zone files read from {@code sim/zones}
 * @param bounceHost the host of Heron's bounce listener, where DSNs and ARF reports go
 * @param bouncePort its port
 * @param seed makes every recipient's habits and every choice reproducible
 * @param world the providers, rules, replies, timings and habits
 * @param clock the simulated world's time
 * @param memory how many recent outcomes of each kind to keep in memory for {@link
 *     RunningSimulator}
 */
public record SimulatorConfig(
    InetAddress bindAddress,
    int smtpPort,
    int dnsPort,
    Path home,
    String bounceHost,
    int bouncePort,
    long seed,
    World world,
    Clock clock,
    int memory) {

  /** The seed of the simulator that {@code bin/heron} runs. */
  public static final long DEFAULT_SEED = 20_240_601L;

  public SimulatorConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(bounceHost, "bounceHost");
    Objects.requireNonNull(world, "world");
    Objects.requireNonNull(clock, "clock");
    port("smtpPort", smtpPort);
    port("dnsPort", dnsPort);
    port("bouncePort", bouncePort);
  }

  /**
   * What {@code bin/heron} runs: ports and home from {@link Settings}; the world from {@code
   * $HERON_HOME/sim/world.json} when that file exists (a benchmark or a demo can reshape the world
   * without a rebuild), the built-in one otherwise.
   */
  public static SimulatorConfig fromSettings() {
    Path home = Path.of(Settings.get(Settings.HOME));
    return new SimulatorConfig(
        loopback(),
        Settings.getInt(Settings.SIM_SMTP_PORT),
        Settings.getInt(Settings.SIM_DNS_PORT),
        home,
        "127.0.0.1",
        Settings.getInt(Settings.BOUNCE_PORT),
        DEFAULT_SEED,
        worldIn(home),
        Clock.systemUTC(),
        10_000);
  }

  /** The world file under {@code home}, or the built-in world when there is none. */
  static World worldIn(Path home) {
    Path file = home.resolve("sim").resolve("world.json");
    if (!Files.isRegularFile(file)) {
      return World.builtIn();
    }
    try {
      return World.parse(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** For tests: free ports, state under {@code home}, the built-in world, {@code seed}. */
  public static SimulatorConfig forTests(Path home, long seed) {
    return new SimulatorConfig(
        loopback(),
        0,
        0,
        home,
        "127.0.0.1",
        Settings.getInt(Settings.BOUNCE_PORT),
        seed,
        World.builtIn(),
        Clock.systemUTC(),
        10_000);
  }

  public SimulatorConfig withPorts(int smtpPort, int dnsPort) {
    return new SimulatorConfig(
        bindAddress, smtpPort, dnsPort, home, bounceHost, bouncePort, seed, world, clock, memory);
  }

  public SimulatorConfig withBouncePort(int bouncePort) {
    return new SimulatorConfig(
        bindAddress, smtpPort, dnsPort, home, bounceHost, bouncePort, seed, world, clock, memory);
  }

  public SimulatorConfig withWorld(World world) {
    return new SimulatorConfig(
        bindAddress, smtpPort, dnsPort, home, bounceHost, bouncePort, seed, world, clock, memory);
  }

  public SimulatorConfig withTimings(Timings timings) {
    return withWorld(world.withTimings(timings));
  }

  public SimulatorConfig withClock(Clock clock) {
    return new SimulatorConfig(
        bindAddress, smtpPort, dnsPort, home, bounceHost, bouncePort, seed, world, clock, memory);
  }

  public Path mailDirectory() {
    return home.resolve("sim").resolve("mail");
  }

  public Path zonesDirectory() {
    return home.resolve("sim").resolve("zones");
  }

  public Path journalDirectory() {
    return home.resolve("sim");
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void port(String field, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(field + " must be within 0..65535, was " + port);
    }
  }
}
