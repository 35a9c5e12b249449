package dev.heron.api.campaign;

import dev.heron.api.paging.Page;
import dev.heron.api.tenant.CurrentTenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.Valid;
import java.util.UUID;

@Controller("/api/campaigns")
class CampaignController {
  private final CampaignService service;

  CampaignController(CampaignService service) {
    this.service = service;
  }

  @Post
  HttpResponse<Campaign> create(
      CurrentTenant tenant, @Valid @Body CampaignRequests.Create request) {
    return HttpResponse.created(service.create(tenant.id(), request));
  }

  @Get
  Page<Campaign> page(
      CurrentTenant tenant,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue Integer offset) {
    return service.page(tenant.id(), Page.Request.of(limit, offset));
  }

  @Get("/{id}")
  Campaign get(CurrentTenant tenant, UUID id) {
    return service.get(tenant.id(), id);
  }

  @Post("/{id}/launch")
  CampaignRequests.Planned launch(CurrentTenant tenant, UUID id) {
    return service.launch(tenant.id(), id);
  }

  @Post("/{id}/plan")
  CampaignRequests.Planned replan(CurrentTenant tenant, UUID id) {
    return service.replan(tenant.id(), id);
  }

  @Post("/{id}/pause")
  Campaign pause(CurrentTenant tenant, UUID id) {
    return service.pause(tenant.id(), id);
  }

  @Post("/{id}/resume")
  Campaign resume(CurrentTenant tenant, UUID id) {
    return service.resume(tenant.id(), id);
  }

  @Post("/{id}/cancel")
  Campaign cancel(CurrentTenant tenant, UUID id) {
    return service.cancel(tenant.id(), id);
  }
}
