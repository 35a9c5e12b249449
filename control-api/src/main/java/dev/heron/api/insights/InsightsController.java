package dev.heron.api.insights;

import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import java.time.Instant;
import java.util.UUID;

@Controller("/api/campaigns/{id}/insights")
class InsightsController {
  private final InsightsService service;

  InsightsController(InsightsService service) {
    this.service = service;
  }

  @Get
  Insights insights(
      CurrentTenant tenant,
      UUID id,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to,
      @Nullable @QueryValue("group_by") String groupBy) {
    return service.insights(
        tenant.id(), id, InsightsService.Query.parse(from, to, groupBy, Instant.now()));
  }
}
