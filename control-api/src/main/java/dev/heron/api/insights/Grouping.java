package dev.heron.api.insights;

import dev.heron.api.db.Queries;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How insights are grouped, and the named query that does it. */
enum Grouping {
  HOUR(Queries.INSIGHTS_BY_HOUR, true),
  DAY(Queries.INSIGHTS_BY_DAY, true),
  PROVIDER(Queries.INSIGHTS_BY_PROVIDER, false),
  IDENTITY(Queries.INSIGHTS_BY_IDENTITY, false),
  VARIANT(Queries.INSIGHTS_BY_VARIANT, false);

  final String query;
  final boolean byTime;

  Grouping(String query, boolean byTime) {
    this.query = query;
    this.byTime = byTime;
  }

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Optional<Grouping> fromWire(String value) {
    return Arrays.stream(values()).filter(g -> g.wireName().equals(value)).findFirst();
  }

  static String choices() {
    return Arrays.stream(values()).map(Grouping::wireName).collect(Collectors.joining(", "));
  }
}
