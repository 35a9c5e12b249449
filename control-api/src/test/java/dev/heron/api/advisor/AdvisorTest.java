package dev.heron.api.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.heron.api.TestDb;
import dev.heron.api.TestIps;
import dev.heron.api.reads.ReadsTestSupport;
import dev.heron.api.reads.SentMessage;
import dev.heron.events.Settings;
import dev.heron.simulator.dns.DnsServer;
import dev.heron.simulator.dns.DnsZones;
import io.micronaut.http.HttpRequest;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The advisor against a real DNS server over UDP (the simulator's), with zones written here. */
@MicronautTest(transactional = false)
class AdvisorTest extends ReadsTestSupport {
  @Serdeable
  record Recommendation(
      UUID id, String code, String scope, String subject, String severity, String title) {}

  private DnsServer dns;
  private Path zones;

  @Override
  public Map<String, String> getProperties() {
    try {
      zones = Files.createTempDirectory("advisor-zones");
      // news.heron.test, the test identities' domain, has SPF and DMARC in the simulator's world;
      // its DKIM key is published here, as the senders publish theirs.
      Files.writeString(
          zones.resolve("news.zone"),
          """
          $ORIGIN news.heron.test.
          $TTL 60
          s1._domainkey IN TXT "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDwIRP/UC3SBsEmGqZ9ZJW3/DkMoGeLnQg1fWn7/zYtIxN2SnFCjxOCKG9v3b4jYfcTNh5ijSsq631uBItLa7od+v/RtdC2UzJ1lWT947qR+Rcac2gbto/NMqJ0fzfVjH4OuKhitdY9tf6mcwGjaNBcWToIMmPSPDdQPNUYckcQ2QIDAQAB"
          """);
      dns = DnsServer.start(DnsZones.load(Optional.of(zones)), InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty(Settings.DNS_SERVER, "127.0.0.1:" + dns.port());
    return super.getProperties();
  }

  @AfterAll
  void stopDns() throws IOException {
    System.clearProperty(Settings.DNS_SERVER);
    dns.close();
    Files.delete(zones.resolve("news.zone"));
    Files.delete(zones);
  }

  private Recommendation[] advice(SentMessage m, String suffix) {
    return call(
        suffix.isEmpty()
            ? HttpRequest.GET("/api/campaigns/" + m.campaignId() + "/advisor")
            : HttpRequest.POST("/api/campaigns/" + m.campaignId() + "/advisor" + suffix, Map.of()),
        m.apiKey(),
        Recommendation[].class);
  }

  @Test
  void checksDnsMetricsWarmupAndListsAndRemembersWhatWasDismissed() {
    SentMessage m = sentMessage();
    TestDb.update("UPDATE sender_identities SET dkim_selector = 's1' WHERE id = ?", m.identityId());
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    // 8 % bounced, 5.6 % opened, 0.22 % complained.
    TestDb.update(
        "INSERT INTO insight_buckets_hourly (bucket, tenant_id, campaign_id, channel, variant, sent,"
            + " delivered, bounced_hard, opens_unique, complaints) VALUES (?, ?, ?, 'email', 'A', 1000, 900, 80, 50, 2)",
        hour,
        m.tenantId(),
        m.campaignId());
    String ip = TestIps.unused("203.0");
    TestDb.update("INSERT INTO sending_ips (ip) VALUES (?)", ip);
    TestDb.update(
        "INSERT INTO warmup_schedules (ip, schedule, schedule_day, daily_cap) VALUES (?, '[]', 3, 100)",
        ip);
    TestDb.update(
        "UPDATE message_claims SET sending_ip = ? WHERE message_id = ?", ip, m.messageId());

    Recommendation[] first = advice(m, "");
    assertThat(first)
        .extracting(Recommendation::code, Recommendation::severity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("bounce-rate", "critical"),
            org.assertj.core.groups.Tuple.tuple("complaint-rate", "critical"),
            org.assertj.core.groups.Tuple.tuple("open-rate", "warning"),
            org.assertj.core.groups.Tuple.tuple("warmup-ip", "warning"),
            org.assertj.core.groups.Tuple.tuple("list-never-sent", "info"));
    assertThat(first[0].severity()).isEqualTo("critical");
    assertThat(List.of(first))
        .filteredOn(r -> r.code().equals("warmup-ip"))
        .extracting(Recommendation::subject)
        .containsExactly(ip);

    // Dismissed: gone, and a re-run does not bring it back while it still applies.
    Recommendation openRate =
        List.of(first).stream().filter(r -> r.code().equals("open-rate")).findFirst().orElseThrow();
    assertThat(
            exchange(
                    HttpRequest.POST(
                        "/api/campaigns/"
                            + m.campaignId()
                            + "/advisor/"
                            + openRate.id()
                            + "/dismiss",
                        Map.of()),
                    m.apiKey(),
                    String.class)
                .code())
        .isEqualTo(204);
    // The bounce problem is fixed (say the buckets were corrected), and the list was mailed long
    // ago.
    TestDb.update(
        "UPDATE insight_buckets_hourly SET bounced_hard = 10 WHERE campaign_id = ?",
        m.campaignId());
    TestDb.update(
        "UPDATE campaigns SET launched_at = now() - interval '200 days' WHERE id <> ? AND tenant_id = ?",
        m.campaignId(),
        m.tenantId());
    CampaignView older =
        newCampaign(new Setup(m.apiKey(), m.identityId(), m.listId(), templateOf(m)), "marketing");
    TestDb.update(
        "UPDATE campaigns SET launched_at = now() - interval '200 days' WHERE id = ?", older.id());

    Recommendation[] again = advice(m, "/run");
    assertThat(again)
        .extracting(Recommendation::code)
        .containsExactlyInAnyOrder("complaint-rate", "warmup-ip", "list-idle");
    assertThat(advice(m, ""))
        .extracting(Recommendation::id)
        .containsExactlyInAnyOrder(
            java.util.Arrays.stream(again).map(Recommendation::id).toArray(UUID[]::new));
  }

  @Test
  void anIdentityWithNothingPublishedIsCritical() {
    SentMessage m = sentMessage();
    String domain = "bare-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    TestDb.update(
        "UPDATE sender_identities SET domain = ?, from_address = ? WHERE id = ?",
        domain,
        "a@" + domain,
        m.identityId());
    Recommendation[] advice = advice(m, "/run");
    assertThat(advice)
        .filteredOn(r -> r.scope().equals("identity"))
        .extracting(Recommendation::code, Recommendation::severity)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("spf", "critical"),
            org.assertj.core.groups.Tuple.tuple("dmarc", "critical"),
            org.assertj.core.groups.Tuple.tuple("dkim", "warning"));
  }

  private static UUID templateOf(SentMessage m) {
    return (UUID)
        TestDb.rows(
                "SELECT template_id FROM campaign_variants WHERE campaign_id = ? LIMIT 1",
                m.campaignId())
            .get(0)
            .get("template_id");
  }
}
