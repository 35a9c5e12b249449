package dev.heron.api.insights;

import dev.heron.api.db.Db;
import dev.heron.api.db.Queries;
import dev.heron.api.db.Rows;
import dev.heron.api.error.ApiException;
import dev.heron.api.paging.TimeWindow;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

@Singleton
public class InsightsService {
  static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

  private final Db db;

  InsightsService(Db db) {
    this.db = db;
  }

  /** The query parameters checked and defaulted: the last 30 days by hour. */
  record Query(Instant from, Instant to, Grouping grouping) {
    static Query parse(String from, String to, String groupBy, Instant now) {
      Grouping grouping =
          groupBy == null || groupBy.isBlank()
              ? Grouping.HOUR
              : Grouping.fromWire(groupBy.strip().toLowerCase(java.util.Locale.ROOT))
                  .orElseThrow(
                      () ->
                          ApiException.badRequest(
                              "group_by",
                              "group_by: must be one of "
                                  + Grouping.choices()
                                  + ", was '"
                                  + groupBy
                                  + "'"));
      TimeWindow window = TimeWindow.parse(from, to, DEFAULT_WINDOW, now);
      return new Query(window.start(), window.end(), grouping);
    }
  }

  Insights insights(UUID tenantId, UUID campaignId, Query query) {
    return db.transaction(
        tx -> {
          if (tx.one(Queries.CAMPAIGN_EXISTS, row -> true, tenantId, campaignId).isEmpty()) {
            throw ApiException.notFound("campaign", campaignId);
          }
          List<InsightRow> buckets = new ArrayList<>();
          Counts[] total = {Counts.ZERO};
          tx.list(
              query.grouping().query,
              row -> {
                Counts counts = Counts.of(row);
                total[0] = total[0].plus(counts);
                buckets.add(
                    query.grouping().byTime
                        ? InsightRow.of(Rows.instant(row, "grp"), null, counts)
                        : InsightRow.of(null, row.getString("grp"), counts));
                return null;
              },
              tenantId,
              campaignId,
              query.from(),
              query.to());
          return new Insights(
              campaignId,
              query.grouping().wireName(),
              query.from(),
              query.to(),
              buckets,
              InsightRow.of(null, null, total[0]));
        });
  }
}
