package dev.heron.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.heron.simulator.smtp.MailboxBehaviour;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldTest {
  @Test
  void theBuiltInWorldHasTheFiveProvidersAndEveryBehaviour() {
    World world = World.builtIn();
    assertThat(world.providers())
        .extracting(p -> p.name())
        .containsExactly("gmail", "outlook", "yahoo", "apple", "other");
    assertThat(world.providerOf("ICLOUD.test"))
        .hasValueSatisfying(p -> assertThat(p.mxHost()).isEqualTo("mx01.mail.icloud.com"));
    assertThat(world.providerOf("nowhere.test")).isEmpty();
    assertThat(world.mailboxes())
        .extracting(r -> r.behaviour())
        .containsExactlyInAnyOrder(
            MailboxBehaviour.REJECT,
            MailboxBehaviour.REJECT,
            MailboxBehaviour.MAILBOX_FULL,
            MailboxBehaviour.DISABLED,
            MailboxBehaviour.BLOCK,
            MailboxBehaviour.DEFER,
            MailboxBehaviour.GREYLIST,
            MailboxBehaviour.SLOW,
            MailboxBehaviour.LATE_BOUNCE,
            MailboxBehaviour.COMPLAIN,
            MailboxBehaviour.REPLY);
  }

  @Test
  void aRateLimitAtAProviderTheWorldDoesNotHaveIsRefused() {
    World world = World.builtIn();
    assertThatThrownBy(
            () ->
                world.withRateLimits(
                    java.util.List.of(
                        new dev.heron.simulator.smtp.RateLimit("aol", 1, 1, "421 4.7.0 slow"))))
        .hasMessage("rateLimits.provider 'aol' is not a provider");
  }

  @Test
  void aWorldFileMissingADefaultReplyIsRefusedNamingIt() {
    String json =
        new String(readBuiltIn(), StandardCharsets.UTF_8)
            .replace(
                "\"default\": \"554 5.7.1 <{recipient}>: Relay access denied\"",
                "\"gmail\": \"554 5.7.1 no\"");
    assertThatThrownBy(() -> World.parse(json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("replies.RELAY_DENIED.default is missing");
  }

  @Test
  void aReplyWithoutACodeIsRefused() {
    String json =
        new String(readBuiltIn(), StandardCharsets.UTF_8)
            .replace("\"250 ok dirdel\"", "\"ok dirdel\"");
    assertThatThrownBy(() -> World.parse(json.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("a reply must start with a 3-digit code: 'ok dirdel'");
  }

  @Test
  void aProbabilityOutOfRangeIsRefusedNamingTheField() {
    String json =
        new String(readBuiltIn(), StandardCharsets.UTF_8)
            .replace("\"unsubscribeProbability\": 0.01", "\"unsubscribeProbability\": 1.5");
    assertThatThrownBy(() -> World.parse(json.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("habits.unsubscribeProbability must be within [0, 1], was 1.5");
  }

  @Test
  void aWorldFileInTheHomeReplacesTheBuiltInOne(@TempDir Path home) throws Exception {
    assertThat(SimulatorConfig.worldIn(home)).isEqualTo(World.builtIn());
    Files.createDirectories(home.resolve("sim"));
    String slower =
        new String(readBuiltIn(), StandardCharsets.UTF_8)
            .replace("\"slowReply\": \"PT4S\"", "\"slowReply\": \"PT9S\"");
    Files.writeString(home.resolve("sim/world.json"), slower);
    assertThat(SimulatorConfig.worldIn(home).timings().slowReply())
        .isEqualTo(Duration.ofSeconds(9));

    Files.writeString(home.resolve("sim/world.json"), "{\"providers\": []}");
    assertThatThrownBy(() -> SimulatorConfig.worldIn(home))
        .hasMessageContaining("world.json")
        .hasMessageContaining("mailboxes");
  }

  private static byte[] readBuiltIn() {
    try (var in = World.class.getResourceAsStream(World.RESOURCE)) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
