package dev.heron.api.abtest;

import dev.heron.api.db.Db;
import dev.heron.api.db.Rows;
import dev.heron.api.error.ApiException;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Singleton
class AbTestService {
  private final Db db;

  AbTestService(Db db) {
    this.db = db.withQueries("reads", "campaign-of-tenant", "ab-test", "ab-variants");
  }

  private record Raw(
      String variant,
      int split,
      long sent,
      long delivered,
      long opens,
      long clicks,
      long conversions,
      BigDecimal value) {
    long hits(String metric) {
      return switch (metric) {
        case "clicks" -> clicks;
        case "conversions" -> conversions;
        default -> opens;
      };
    }
  }

  AbResults results(UUID tenantId, UUID campaignId) {
    return db.transaction(
        tx -> {
          if (tx.one("campaign-of-tenant", row -> true, tenantId, campaignId).isEmpty()) {
            throw ApiException.notFound("campaign", campaignId);
          }
          AbResults test =
              tx.one(
                      "ab-test",
                      row ->
                          new AbResults(
                              campaignId,
                              row.getString("metric"),
                              row.getInt("test_percent"),
                              Rows.instant(row, "window_ends_at"),
                              row.getString("status"),
                              row.getString("winner_variant"),
                              Rows.instant(row, "decided_at"),
                              row.getString("decision"),
                              List.of()),
                      tenantId,
                      campaignId)
                  .orElseThrow(() -> ApiException.notFound("A/B test of campaign", campaignId));
          List<Raw> raw =
              tx.list(
                  "ab-variants",
                  row ->
                      new Raw(
                          row.getString("variant"),
                          row.getInt("split_percent"),
                          row.getLong("sent"),
                          row.getLong("delivered"),
                          row.getLong("opens_unique"),
                          row.getLong("clicks_unique"),
                          row.getLong("conversions"),
                          row.getBigDecimal("conversion_value")),
                  campaignId,
                  tenantId,
                  campaignId);
          return new AbResults(
              test.campaignId(),
              test.metric(),
              test.testPercent(),
              test.windowEndsAt(),
              test.status(),
              test.winner(),
              test.decidedAt(),
              test.decision(),
              variants(test.metric(), raw));
        });
  }

  private static List<AbResults.Variant> variants(String metric, List<Raw> raw) {
    List<AbResults.Variant> out = new ArrayList<>();
    for (Raw v : raw) {
      double rate = v.delivered() == 0 ? 0 : (double) v.hits(metric) / v.delivered();
      // Compared with the best of the others: how likely the difference is chance.
      Raw best =
          raw.stream()
              .filter(o -> o != v)
              .max((a, b) -> Double.compare(rateOf(metric, a), rateOf(metric, b)))
              .orElse(null);
      Double p =
          best == null
              ? null
              : TwoProportions.pValue(
                  v.hits(metric), v.delivered(), best.hits(metric), best.delivered());
      out.add(
          new AbResults.Variant(
              v.variant(),
              v.split(),
              v.sent(),
              v.delivered(),
              v.opens(),
              v.clicks(),
              v.conversions(),
              v.value(),
              rate,
              p));
    }
    return out;
  }

  private static double rateOf(String metric, Raw v) {
    return v.delivered() == 0 ? 0 : (double) v.hits(metric) / v.delivered();
  }
}
