package dev.heron.api.abtest;

import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import java.util.UUID;

@Controller("/api/campaigns/{id}/ab")
class AbTestController {
  private final AbTestService service;

  AbTestController(AbTestService service) {
    this.service = service;
  }

  @Get
  @Operation(summary = "A/B test results: each variant's figures, the metric's rate, the decision")
  AbResults results(CurrentTenant tenant, UUID id) {
    return service.results(tenant.id(), id);
  }
}
