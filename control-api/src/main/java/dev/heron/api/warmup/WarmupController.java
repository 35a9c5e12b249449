package dev.heron.api.warmup;

import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;

@Controller("/api/warmup")
class WarmupController {
  private final WarmupService service;

  WarmupController(WarmupService service) {
    this.service = service;
  }

  @Get("/status")
  @Operation(
      summary = "Where each warming IP the tenant may see stands: day, cap, sent today, pause")
  List<WarmupViews.Status> status(CurrentTenant tenant) {
    return service.status(tenant.id());
  }

  @Post("/start")
  @Operation(
      summary = "Start an IP's warmup on day 1",
      description =
          "With the standard schedule (50/day on days 1-2 ... unlimited from day 29) unless one is given.")
  HttpResponse<WarmupViews.Status> start(
      CurrentTenant tenant, @Valid @Body WarmupViews.Start request) {
    return HttpResponse.created(service.start(tenant.id(), request));
  }
}
