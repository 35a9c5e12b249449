package dev.heron.api.template;

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
import java.util.List;
import java.util.UUID;

@Controller("/api/templates")
class TemplateController {
  private final TemplateService service;

  TemplateController(TemplateService service) {
    this.service = service;
  }

  @Post
  HttpResponse<Template> create(
      CurrentTenant tenant, @Valid @Body TemplateRequests.Create request) {
    return HttpResponse.created(service.create(tenant.id(), request));
  }

  @Get
  Page<Template> page(
      CurrentTenant tenant,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue Integer offset) {
    return service.page(tenant.id(), Page.Request.of(limit, offset));
  }

  @Get("/{id}")
  Template get(CurrentTenant tenant, UUID id) {
    return service.get(tenant.id(), id);
  }

  /** New content: the next version, which replaces (and links to) the current one. */
  @Post("/{id}/versions")
  HttpResponse<Template> addVersion(
      CurrentTenant tenant, UUID id, @Valid @Body TemplateRequests.NewVersion request) {
    return HttpResponse.created(service.addVersion(tenant.id(), id, request));
  }

  @Get("/{id}/versions")
  List<TemplateVersion> versions(CurrentTenant tenant, UUID id) {
    return service.versions(tenant.id(), id);
  }

  /** The provider's review moves a version: received, pending, approved, rejected, paused... */
  @Post("/{id}/versions/{version}/status")
  TemplateVersion changeStatus(
      CurrentTenant tenant,
      UUID id,
      int version,
      @Valid @Body TemplateRequests.StatusChange request) {
    return service.changeStatus(tenant.id(), id, version, request.status());
  }
}
