package dev.heron.api.insights;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A campaign's insights over [from, to), grouped by time or by a dimension, with totals. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Insights(
    UUID campaignId,
    String groupBy,
    Instant from,
    Instant to,
    List<InsightRow> buckets,
    InsightRow totals) {}
