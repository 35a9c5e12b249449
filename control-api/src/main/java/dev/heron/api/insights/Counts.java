package dev.heron.api.insights;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The summed counters of some insight buckets. */
record Counts(
    long sent,
    long delivered,
    long deferred,
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
    BigDecimal conversionValue) {

  static final Counts ZERO =
      new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO);

  static Counts of(ResultSet row) throws SQLException {
    BigDecimal value = row.getBigDecimal("conversion_value");
    return new Counts(
        row.getLong("sent"),
        row.getLong("delivered"),
        row.getLong("deferred"),
        row.getLong("bounced_hard"),
        row.getLong("bounced_soft"),
        row.getLong("blocked"),
        row.getLong("failed"),
        row.getLong("dropped"),
        row.getLong("opens_total"),
        row.getLong("opens_unique"),
        row.getLong("opens_machine"),
        row.getLong("clicks_total"),
        row.getLong("clicks_unique"),
        row.getLong("replies"),
        row.getLong("unsubscribes"),
        row.getLong("complaints"),
        row.getLong("conversions"),
        value == null ? BigDecimal.ZERO : value);
  }

  /** Every bounce: hard, soft and policy blocks. */
  long bounced() {
    return bouncedHard + bouncedSoft + blocked;
  }

  Counts plus(Counts o) {
    return new Counts(
        sent + o.sent,
        delivered + o.delivered,
        deferred + o.deferred,
        bouncedHard + o.bouncedHard,
        bouncedSoft + o.bouncedSoft,
        blocked + o.blocked,
        failed + o.failed,
        dropped + o.dropped,
        opens + o.opens,
        uniqueOpens + o.uniqueOpens,
        machineOpens + o.machineOpens,
        clicks + o.clicks,
        uniqueClicks + o.uniqueClicks,
        replies + o.replies,
        unsubscribes + o.unsubscribes,
        complaints + o.complaints,
        conversions + o.conversions,
        conversionValue.add(o.conversionValue));
  }
}
