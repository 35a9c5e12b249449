package dev.heron.api.insights;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One group of the insights (a time bucket, or a provider, identity or variant as {@code key}) or
 * the totals, with the counters and the rates derived from them. A rate whose denominator is zero
 * is 0.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InsightRow(
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
    double unsubscribeRate) {

  static InsightRow of(Instant bucket, String key, Counts c) {
    return new InsightRow(
        bucket,
        key,
        c.sent(),
        c.delivered(),
        c.deferred(),
        c.bounced(),
        c.bouncedHard(),
        c.bouncedSoft(),
        c.blocked(),
        c.failed(),
        c.dropped(),
        c.opens(),
        c.uniqueOpens(),
        c.machineOpens(),
        c.clicks(),
        c.uniqueClicks(),
        c.replies(),
        c.unsubscribes(),
        c.complaints(),
        c.conversions(),
        c.conversionValue(),
        rate(c.delivered(), c.sent()),
        rate(c.uniqueOpens(), c.delivered()),
        rate(c.uniqueClicks(), c.delivered()),
        rate(c.uniqueClicks(), c.uniqueOpens()),
        rate(c.bounced(), c.sent()),
        rate(c.complaints(), c.delivered()),
        rate(c.unsubscribes(), c.delivered()));
  }

  static double rate(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }
}
