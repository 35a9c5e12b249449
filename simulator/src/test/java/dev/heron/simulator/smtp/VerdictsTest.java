package dev.heron.simulator.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.simulator.World;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class VerdictsTest {
  private final World world = World.builtIn();
  private final Verdicts verdicts =
      new Verdicts(world, 1L, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  @Test
  void theLocalPartPicksTheBehaviour() {
    assertThat(code("ann@gmail.test")).isZero();
    assertThat(code("bounce7@gmail.test")).isEqualTo(550);
    assertThat(code("NoUser@outlook.test")).isEqualTo(550);
    assertThat(code("full@gmail.test")).isEqualTo(452);
    assertThat(code("full@outlook.test")).isEqualTo(552);
    assertThat(code("disabled@gmail.test")).isEqualTo(550);
    assertThat(code("block@yahoo.test")).isEqualTo(554);
    assertThat(code("defer@icloud.test")).isEqualTo(421);
    assertThat(code("grey@example.test")).isEqualTo(451);
    assertThat(code("dsn@example.test")).isZero();
    assertThat(code("complain@example.test")).isZero();
    assertThat(verdicts.atRecipient("127.0.0.2", "b@x", "slow@gmail.test").delay())
        .isEqualTo(world.timings().slowReply());
  }

  @Test
  void repliesCarryTheAddressTheIpAndTheMxHost() {
    Verdict verdict = verdicts.atRecipient("127.0.0.9", "b@x", "nouser@yahoo.test");
    assertThat(verdict.reply().text())
        .isEqualTo(
            "550 5.1.1 delivery error: dd This user doesn't have a yahoo.test account (nouser@yahoo.test) [0] - mta5.am0.yahoodns.net");
    assertThat(verdicts.accepted("a@gmail.test", "127.0.0.2", "id@x", "Q1").text())
        .isEqualTo("250 2.0.0 OK  Q1 - gsmtp");
    assertThat(verdicts.accepted("a@outlook.test", "127.0.0.2", "id@x", "Q1").text())
        .startsWith("250 2.6.0 <id@x> [InternalId=Q1");
  }

  @Test
  void aSharedReputationHitsAStableShareOfRecipients() {
    // 127.0.0.7 is rate limited at gmail for 30 % of its recipients, the same ones every time.
    long limited =
        IntStream.range(0, 1000)
            .filter(
                i ->
                    verdicts.atRecipient("127.0.0.7", "b@x", "r" + i + "@gmail.test").reply()
                        != null)
            .count();
    assertThat(limited).isBetween(240L, 360L);
    Verdict once = verdicts.atRecipient("127.0.0.7", "b@x", "r1@gmail.test");
    assertThat(verdicts.atRecipient("127.0.0.7", "other@x", "r1@gmail.test")).isEqualTo(once);
    assertThat(verdicts.atRecipient("127.0.0.2", "b@x", "r1@gmail.test").accepted()).isTrue();
  }

  @Test
  void greylistingLetsARetryThroughOnlyAfterTheDelay() {
    Instant[] now = {Instant.parse("2025-01-01T00:00:00Z")};
    Clock clock = clock(now);
    Greylist greylist = new Greylist(Duration.ofSeconds(5), clock);
    assertThat(greylist.passes("127.0.0.2", "b@x", "grey@gmail.test")).isFalse();
    now[0] = now[0].plusSeconds(4);
    assertThat(greylist.passes("127.0.0.2", "b@x", "grey@gmail.test")).isFalse();
    now[0] = now[0].plusSeconds(1);
    assertThat(greylist.passes("127.0.0.2", "b@x", "grey@gmail.test")).isTrue();
    assertThat(greylist.passes("127.0.0.3", "b@x", "grey@gmail.test")).isFalse();
  }

  @Test
  void aSourceIpOverAProvidersRateIsDeferredUntilItSlowsDown() {
    Instant[] now = {Instant.parse("2025-01-01T00:00:00Z")};
    RateLimit yahoo =
        new RateLimit("yahoo", 2, 3, "421 4.7.0 [TSS04] Messages from {ip} temporarily deferred");
    Verdicts limited = new Verdicts(world.withRateLimits(java.util.List.of(yahoo)), 1L, clock(now));

    // A burst of 3 passes, the 4th is deferred; other IPs and providers are not affected.
    for (int i = 0; i < 3; i++) {
      assertThat(limited.atRecipient("127.0.0.2", "b@x", "r" + i + "@yahoo.test").accepted())
          .isTrue();
    }
    Verdict deferred = limited.atRecipient("127.0.0.2", "b@x", "r3@yahoo.test");
    assertThat(deferred.reply().text())
        .isEqualTo("421 4.7.0 [TSS04] Messages from 127.0.0.2 temporarily deferred");
    assertThat(deferred.behaviour()).isEqualTo(MailboxBehaviour.DEFER);
    assertThat(limited.atRecipient("127.0.0.3", "b@x", "r3@yahoo.test").accepted()).isTrue();
    assertThat(limited.atRecipient("127.0.0.2", "b@x", "r3@gmail.test").accepted()).isTrue();

    // Half a second later, one token (2 per second) has come back.
    now[0] = now[0].plusMillis(500);
    assertThat(limited.atRecipient("127.0.0.2", "b@x", "r3@yahoo.test").accepted()).isTrue();
    assertThat(limited.atRecipient("127.0.0.2", "b@x", "r4@yahoo.test").accepted()).isFalse();
  }

  private static Clock clock(Instant[] now) {
    return new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now[0];
      }
    };
  }

  @Test
  void mailboxFileNamesCannotEscapeTheirDirectory() {
    assertThat(Mailbox.safeName("../../etc/passwd")).isEqualTo("_.._.._etc_passwd");
    assertThat(Mailbox.safeName("a/b@x.test")).isEqualTo("a_b@x.test");
    assertThat(Mailbox.safeName("")).isEqualTo("_");
  }

  private int code(String recipient) {
    Verdict verdict = verdicts.atRecipient("127.0.0.2", "b@news.heron.test", recipient);
    return verdict.accepted() ? 0 : verdict.reply().code();
  }
}
