package dev.heron.api.advisor;

import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import java.util.UUID;

@Controller("/api/campaigns/{id}/advisor")
class AdvisorController {
  private final AdvisorService service;

  AdvisorController(AdvisorService service) {
    this.service = service;
  }

  @Get
  @Operation(
      summary = "Deliverability recommendations for a campaign, worst first",
      description =
          "SPF, DKIM and DMARC of its sender identity (looked up in DNS), bounce rate > 5 %,"
              + " open rate < 15 %, complaints > 0.1 %, IPs in warmup, lists not sent to for 6"
              + " months. Runs the checks the first time; they run again on demand and when the"
              + " campaign completes.")
  List<Recommendation> recommendations(CurrentTenant tenant, UUID id) {
    return service.recommendations(tenant.id(), id);
  }

  @Post("/run")
  @Operation(summary = "Run the advisor's checks again now")
  List<Recommendation> run(CurrentTenant tenant, UUID id) {
    return service.run(tenant.id(), id);
  }

  @Post("/{rid}/dismiss")
  @Operation(summary = "Dismiss a recommendation: it is not shown again while it applies")
  HttpResponse<Void> dismiss(CurrentTenant tenant, UUID id, UUID rid) {
    service.dismiss(tenant.id(), id, rid);
    return HttpResponse.noContent();
  }
}
