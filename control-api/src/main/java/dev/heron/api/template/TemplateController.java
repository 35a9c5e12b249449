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
}
