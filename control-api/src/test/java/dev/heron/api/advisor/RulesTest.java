package dev.heron.api.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RulesTest {
  @Test
  void spfNeedsExactlyOneRecordEndingInAStrictAll() {
    assertThat(AuthenticationRules.spf("a.test", List.of("v=spf1 ip4:1.2.3.4 -all"))).isEmpty();
    assertThat(AuthenticationRules.spf("a.test", List.of("v=spf1 include:x.test ~all"))).isEmpty();
    assertThat(AuthenticationRules.spf("a.test", List.of("google-site-verification=x")))
        .extracting(Finding::severity)
        .containsExactly("critical");
    assertThat(AuthenticationRules.spf("a.test", List.of("v=spf1 -all", "v=spf1 ~all")))
        .extracting(Finding::title)
        .containsExactly("Several SPF records");
    assertThat(AuthenticationRules.spf("a.test", List.of("v=spf1 +all")))
        .extracting(Finding::title)
        .containsExactly("SPF allows any sender");
    assertThat(AuthenticationRules.spf("a.test", List.of("v=spf1 ip4:1.2.3.4 ?all")))
        .extracting(Finding::severity)
        .containsExactly("warning");
  }

  @Test
  void dmarcAndDkim() {
    assertThat(AuthenticationRules.dmarc("a.test", List.of("v=DMARC1; p=reject"))).isEmpty();
    assertThat(AuthenticationRules.dmarc("a.test", List.of("v=DMARC1; p=none")))
        .extracting(Finding::severity)
        .containsExactly("warning");
    assertThat(AuthenticationRules.dmarc("a.test", List.of()))
        .extracting(Finding::severity)
        .containsExactly("critical");
    assertThat(AuthenticationRules.dkim("a.test", "s1", List.of("v=DKIM1; k=rsa; p=MIGf")))
        .isEmpty();
    assertThat(AuthenticationRules.dkim("a.test", "s1", List.of("v=DKIM1; p=")))
        .extracting(Finding::title)
        .containsExactly("DKIM key revoked");
    assertThat(AuthenticationRules.dkim("a.test", null, List.of()))
        .extracting(Finding::severity)
        .containsExactly("warning");
  }

  @Test
  void ratesAreJudgedPastAMinimumVolumeOnly() {
    assertThat(MetricRules.rates("c", new MetricRules.Totals(50, 40, 20, 0, 5))).isEmpty();
    assertThat(MetricRules.rates("c", new MetricRules.Totals(1000, 950, 50, 200, 0))).isEmpty();
    assertThat(MetricRules.rates("c", new MetricRules.Totals(1000, 900, 51, 134, 1)))
        .extracting(Finding::code)
        .containsExactly("bounce-rate", "open-rate", "complaint-rate");
  }

  @Test
  void listsIdleForSixMonths() {
    Instant now = Instant.parse("2026-06-30T00:00:00Z");
    UUID fresh = UUID.randomUUID();
    UUID idle = UUID.randomUUID();
    UUID never = UUID.randomUUID();
    assertThat(
            MetricRules.lists(
                List.of(
                    new MetricRules.AudienceList(fresh, "fresh", now.minus(Duration.ofDays(30))),
                    new MetricRules.AudienceList(idle, "idle", now.minus(Duration.ofDays(200))),
                    new MetricRules.AudienceList(never, "never", null)),
                now))
        .extracting(Finding::code, Finding::subject)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("list-idle", idle.toString()),
            org.assertj.core.groups.Tuple.tuple("list-never-sent", never.toString()));
  }
}
