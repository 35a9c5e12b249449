package dev.heron.simulator.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.simulator.World;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A provider that changes its mind about a source IP while the simulator runs. */
class ReputationSwitchTest {
  private final World world = World.builtIn();
  private final Verdicts verdicts =
      new Verdicts(world, 1L, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  @Test
  void aBlockSwitchedOnRefusesTheIpFromTheNextRecipientAndSwitchedOffAcceptsItAgain() {
    assertThat(verdicts.atRecipient("127.0.90.1", "b@x", "r1@gmail.test").accepted()).isTrue();

    List<IpReputation> blocking = new ArrayList<>(world.reputations());
    blocking.add(new IpReputation("127.0.90.1", "gmail", 1.0, "550 5.7.1 [{ip}] blocked"));
    verdicts.useReputations(blocking);

    Verdict refused = verdicts.atRecipient("127.0.90.1", "b@x", "r2@gmail.test");
    assertThat(refused.behaviour()).isEqualTo(MailboxBehaviour.BLOCK);
    assertThat(refused.reply().code()).isEqualTo(550);
    assertThat(verdicts.atRecipient("127.0.90.2", "b@x", "r2@gmail.test").accepted()).isTrue();
    assertThat(verdicts.atRecipient("127.0.90.1", "b@x", "r2@yahoo.test").accepted()).isTrue();

    verdicts.useReputations(world.reputations());
    assertThat(verdicts.atRecipient("127.0.90.1", "b@x", "r3@gmail.test").accepted()).isTrue();
  }
}
