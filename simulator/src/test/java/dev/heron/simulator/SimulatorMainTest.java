package dev.heron.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The simulator as {@code bin/heron} runs it: a separate JVM configured by environment. */
class SimulatorMainTest {
  @TempDir Path home;

  @Test
  void theMainReadsItsPortsAndHomeFromTheEnvironmentAndServes() throws Exception {
    int smtpPort = TestPorts.free();
    int dnsPort = TestPorts.free();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Simulator.class.getName()))
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("simulator.log").toFile());
    builder.environment().put("HERON_SIM_SMTP_PORT", Integer.toString(smtpPort));
    builder.environment().put("HERON_SIM_DNS_PORT", Integer.toString(dnsPort));
    builder.environment().put("HERON_HOME", home.toString());
    builder.environment().put("HERON_BOUNCE_PORT", Integer.toString(TestPorts.free()));
    Process process = builder.start();
    try {
      awaitSmtp(smtpPort, process);

      SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
      resolver.setPort(dnsPort);
      Lookup lookup = new Lookup("outlook.test", Type.MX);
      lookup.setResolver(resolver);
      lookup.setCache(null);
      Record[] mx = lookup.run();
      assertThat(mx).isNotNull();
      assertThat(((MXRecord) mx[0]).getTarget().toString())
          .isEqualTo("outlook-test.mail.protection.outlook.com.");

      new SmtpClient(smtpPort, "127.0.0.2", "bounces@news.heron.test")
          .send("main-1@news.heron.test", "fay@outlook.test");
      assertThat(home.resolve("sim/mail/fay@outlook.test/main-1@news.heron.test.eml")).exists();
    } finally {
      process.destroy();
      assertThat(process.waitFor(TestTimes.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
    String log = Files.readString(home.resolve("simulator.log"));
    assertThat(log).contains("simulator: smtp=127.0.0.1:" + smtpPort + " dns=127.0.0.1:" + dnsPort);
    assertThat(log).contains("fay@outlook.test from 127.0.0.2 -> accepted main-1@news.heron.test");
  }

  private static void awaitSmtp(int port, Process process) throws InterruptedException {
    Instant deadline = Instant.now().plus(TestTimes.PATIENCE);
    while (Instant.now().isBefore(deadline)) {
      assertThat(process.isAlive()).as("simulator process alive").isTrue();
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("simulator SMTP port " + port + " never opened");
  }
}
