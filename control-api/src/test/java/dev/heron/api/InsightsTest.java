package dev.heron.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.micronaut.http.HttpRequest;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class InsightsTest extends ApiTestSupport {
  @Serdeable
  record Row(
      Instant bucket,
      String key,
      long sent,
      long delivered,
      long deferred,
      long bounced,
      long bouncedHard,
      long bouncedSoft,
      long blocked,
      long failed,
      long dropped,
      long opens,
      long uniqueOpens,
      long machineOpens,
      long clicks,
      long uniqueClicks,
      long replies,
      long unsubscribes,
      long complaints,
      long conversions,
      BigDecimal conversionValue,
      double deliveryRate,
      double openRate,
      double clickRate,
      double clickToOpenRate,
      double bounceRate,
      double complaintRate,
      double unsubscribeRate) {}

  @Serdeable
  record View(
      UUID campaignId, String groupBy, Instant from, Instant to, List<Row> buckets, Row totals) {}

  private Setup setup;
  private UUID tenantId;
  private UUID campaignId;

  @BeforeAll
  void seedBuckets() {
    CreatedTenant tenant = newTenant();
    tenantId = tenant.tenant().id();
    setup = setup(tenant);
    campaignId = newCampaign(setup, "marketing").id();
    UUID otherCampaign = newCampaign(setup, "marketing").id();
    // hour, provider, identity, variant, sent, delivered, deferred, hard, soft, blocked, failed,
    // opens, unique opens, machine opens, clicks, unique clicks, unsubscribes, complaints,
    // conversions, value
    bucket(
        campaignId,
        "2026-01-10T09:00:00Z",
        "gmail",
        "news.heron.test",
        "A",
        10,
        8,
        0,
        1,
        0,
        1,
        0,
        6,
        4,
        1,
        3,
        2,
        1,
        0,
        1,
        "12.50");
    bucket(
        campaignId,
        "2026-01-10T09:00:00Z",
        "outlook",
        "news.heron.test",
        "B",
        5,
        5,
        0,
        0,
        0,
        0,
        0,
        1,
        1,
        0,
        1,
        1,
        0,
        0,
        0,
        "0");
    bucket(
        campaignId,
        "2026-01-10T10:00:00Z",
        "gmail",
        "news.heron.test",
        "A",
        5,
        4,
        2,
        0,
        1,
        0,
        0,
        2,
        2,
        0,
        0,
        0,
        0,
        1,
        0,
        "0");
    bucket(
        campaignId,
        "2026-01-11T08:00:00Z",
        "yahoo",
        "other.test",
        "A",
        4,
        3,
        0,
        0,
        0,
        0,
        1,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        2,
        "7.25");
    // Outside the window, and another campaign's bucket in the window: neither counts.
    bucket(
        campaignId,
        "2025-12-01T09:00:00Z",
        "gmail",
        "news.heron.test",
        "A",
        100,
        100,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        "0");
    bucket(
        otherCampaign,
        "2026-01-10T09:00:00Z",
        "gmail",
        "news.heron.test",
        "A",
        100,
        100,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        "0");
  }

  private void bucket(
      UUID campaign,
      String hour,
      String provider,
      String identity,
      String variant,
      long sent,
      long delivered,
      long deferred,
      long hard,
      long soft,
      long blocked,
      long failed,
      long opens,
      long uniqueOpens,
      long machineOpens,
      long clicks,
      long uniqueClicks,
      long unsubscribes,
      long complaints,
      long conversions,
      String value) {
    TestDb.update(
        "INSERT INTO insight_buckets_hourly (bucket, tenant_id, campaign_id, channel, provider,"
            + " sender_identity, variant, sent, delivered, deferred, bounced_hard, bounced_soft,"
            + " blocked, failed, opens_total, opens_unique, opens_machine, clicks_total,"
            + " clicks_unique, unsubscribes, complaints, conversions, conversion_value)"
            + " VALUES (?, ?, ?, 'email', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        Instant.parse(hour),
        tenantId,
        campaign,
        provider,
        identity,
        variant,
        sent,
        delivered,
        deferred,
        hard,
        soft,
        blocked,
        failed,
        opens,
        uniqueOpens,
        machineOpens,
        clicks,
        uniqueClicks,
        unsubscribes,
        complaints,
        conversions,
        new BigDecimal(value));
  }

  private View insights(String query) {
    return call(
        HttpRequest.GET("/api/campaigns/" + campaignId + "/insights?" + query),
        setup.key(),
        View.class);
  }

  @Test
  void hourlyBucketsAndTotalsWithRates() {
    View view = insights("from=2026-01-10T00:00:00Z&to=2026-01-12T00:00:00Z&group_by=hour");
    assertThat(view.groupBy()).isEqualTo("hour");
    assertThat(view.buckets())
        .extracting(Row::bucket, Row::sent, Row::delivered, Row::bounced, Row::uniqueOpens)
        .containsExactly(
            tuple(Instant.parse("2026-01-10T09:00:00Z"), 15L, 13L, 2L, 5L),
            tuple(Instant.parse("2026-01-10T10:00:00Z"), 5L, 4L, 1L, 2L),
            tuple(Instant.parse("2026-01-11T08:00:00Z"), 4L, 3L, 0L, 0L));

    Row t = view.totals();
    assertThat(
            List.of(
                t.sent(),
                t.delivered(),
                t.deferred(),
                t.bounced(),
                t.bouncedHard(),
                t.bouncedSoft(),
                t.blocked(),
                t.failed(),
                t.opens(),
                t.uniqueOpens(),
                t.machineOpens(),
                t.clicks(),
                t.uniqueClicks(),
                t.unsubscribes(),
                t.complaints(),
                t.conversions()))
        .containsExactly(24L, 20L, 2L, 3L, 1L, 1L, 1L, 1L, 9L, 7L, 1L, 4L, 3L, 1L, 1L, 3L);
    assertThat(t.conversionValue()).isEqualByComparingTo("19.75");
    assertThat(t.deliveryRate()).isCloseTo(20.0 / 24, within(1e-9));
    assertThat(t.openRate()).isCloseTo(7.0 / 20, within(1e-9));
    assertThat(t.clickRate()).isCloseTo(3.0 / 20, within(1e-9));
    assertThat(t.clickToOpenRate()).isCloseTo(3.0 / 7, within(1e-9));
    assertThat(t.bounceRate()).isCloseTo(3.0 / 24, within(1e-9));
    assertThat(t.complaintRate()).isCloseTo(1.0 / 20, within(1e-9));
    assertThat(t.unsubscribeRate()).isCloseTo(1.0 / 20, within(1e-9));
  }

  @Test
  void dailyAndDimensionGroupings() {
    String window = "from=2026-01-10&to=2026-01-12&group_by=";
    assertThat(insights(window + "day").buckets())
        .extracting(Row::bucket, Row::sent, Row::delivered)
        .containsExactly(
            tuple(Instant.parse("2026-01-10T00:00:00Z"), 20L, 17L),
            tuple(Instant.parse("2026-01-11T00:00:00Z"), 4L, 3L));
    assertThat(insights(window + "provider").buckets())
        .extracting(Row::key, Row::sent, Row::delivered, Row::bounced)
        .containsExactly(
            tuple("gmail", 15L, 12L, 3L), tuple("outlook", 5L, 5L, 0L), tuple("yahoo", 4L, 3L, 0L));
    assertThat(insights(window + "variant").buckets())
        .extracting(Row::key, Row::sent, Row::uniqueClicks)
        .containsExactly(tuple("A", 19L, 2L), tuple("B", 5L, 1L));
    assertThat(insights(window + "identity").buckets())
        .extracting(Row::key, Row::sent)
        .containsExactly(tuple("news.heron.test", 20L), tuple("other.test", 4L));
  }

  @Test
  void theDefaultIsTheLastThirtyDaysByHourAndAnEmptyWindowHasZeroRates() {
    View view = insights("");
    assertThat(view.groupBy()).isEqualTo("hour");
    assertThat(view.buckets()).isEmpty();
    assertThat(view.totals().sent()).isZero();
    assertThat(view.totals().deliveryRate()).isZero();
    assertThat(java.time.Duration.between(view.from(), view.to()).toDays()).isEqualTo(30);
  }

  @Test
  void badParametersAre400NamingThem() {
    String base = "/api/campaigns/" + campaignId + "/insights?";
    for (String[] bad :
        List.of(
            new String[] {"group_by=week", "group_by"},
            new String[] {"from=yesterday", "from"},
            new String[] {"to=2026-13-01", "to"},
            new String[] {"from=2026-02-01&to=2026-01-01", "from"})) {
      Refusal refusal = refusal(HttpRequest.GET(base + bad[0]).bearerAuth(setup.key()));
      assertThat(refusal.status()).as(bad[0]).isEqualTo(400);
      assertThat(refusal.body().field()).as(bad[0]).isEqualTo(bad[1]);
    }
  }
}
